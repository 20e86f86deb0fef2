/**
 * Demo: generates the built-in demo program's exports (seeded, so every run writes the
 * same bytes) into a git-ignored folder and runs ingest, build and report on them with
 * a built-in config. Needs no config file.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateProgram, type GeneratedProgram, type ProgramShape } from '../fixtures/generator/index.ts';
import { validateConfig, type Config } from './config.ts';
import type { Logger } from './log.ts';
import { ingestBuildReport, type RunSummary } from './run.ts';
import { withSession } from './session.ts';

/** A salt for the synthetic demo data only; real programs set their own. */
export const DEMO_SALT = 'demo-salt-for-synthetic-data-only';
export const DEMO_SEED = 42;

/**
 * Which exports the demo program has: `tidy` (a touchpoints file, HubSpot alone) or `mixed` (GA4 only, HubSpot and Salesforce, links in several forms).
 * Another `seed` generates another program of the same shape.
 */
export async function runDemo(
  root: string,
  log: Logger,
  shape: ProgramShape = 'tidy',
  seed: number = DEMO_SEED,
): Promise<{ config: Config; summary: RunSummary; program: GeneratedProgram }> {
  const exportsDir = join(root, 'demo-exports');
  log.info(`writing the demo program's exports (${shape}) to ${exportsDir}`);
  const program = await generateProgram({ seed, size: 'S', shape, outDir: exportsDir });
  const config = demoConfig(root, program.company);
  const summary = await withSession(config, 'demo', log, (session) => ingestBuildReport(session, program.files));
  writeFileSync(join(exportsDir, 'advocacy.config.json'), `${JSON.stringify(demoConfigFile(config), null, 2)}\n`);
  return { config, summary, program };
}

/** The demo's built-in config, rooted in `root`. */
export function demoConfig(root: string, company: { name: string; aliases: string[] }): Config {
  return validateConfig({ company, salt: DEMO_SALT, locale: 'da-DK', timezone: 'Europe/Copenhagen', currency: 'DKK' }, { root, env: {} });
}

/**
 * The demo's config as a file, so the other commands can be tried on the demo warehouse
 * (`advocacy status --config demo-exports/advocacy.config.json`). Its paths are absolute:
 * the warehouse and reports sit beside the exports folder, not inside it.
 */
function demoConfigFile(config: Config) {
  return {
    company: config.company,
    salt: DEMO_SALT,
    locale: config.locale,
    timezone: config.timezone,
    currency: config.currency,
    paths: {
      inbox: join(config.root, 'demo-exports', 'inbox'),
      archive: join(config.root, 'demo-exports', 'archive'),
      warehouse: config.paths.warehouse,
      out: config.paths.out,
    },
  };
}
