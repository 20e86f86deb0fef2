/**
 * The README's "Your first program", run as it is written: the shell commands between its
 * `first-program` markers, in an empty folder, with the `advocacy` command on the PATH and
 * the downloaded exports in `~/Downloads`. What the guide asks a person to do by hand
 * between the commands (set the company, fill the templates) is done here with the
 * fixtures' real-shaped program files, so the guide cannot rot without this test failing.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { README_FILE } from '../../pipelines/readme.ts';
import { tempFolder } from '../helpers/warehouse.ts';

const REPOSITORY = join(import.meta.dirname, '../..');
const EXPORTS = join(REPOSITORY, 'fixtures/exports');

/** The `sh` code blocks between the README's first-program markers, in order. */
function firstProgramCommands(readme: string): string[] {
  const section = /<!-- first-program:start[^>]*-->([\s\S]*?)<!-- first-program:end -->/.exec(readme);
  if (!section) throw new Error('README.md has no first-program markers');
  return [...section[1]!.matchAll(/```sh\n([\s\S]*?)```/g)].map((block) => block[1]!);
}

/** Runs one block with `sh -e` in `folder`; the `advocacy` on the PATH is this repository's. */
function runBlock(block: string, folder: string, home: string, bin: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, PATH: `${bin}:${process.env.PATH}` };
  delete env.ADVOCACY_SALT;
  return spawnSync('sh', ['-e', '-c', block], { cwd: folder, env, encoding: 'utf8', timeout: 240_000 });
}

describe('the README guide', () => {
  it('"Your first program", run verbatim in an empty folder, loads every file and writes a leadership report with the program\'s figures', () => {
    const blocks = firstProgramCommands(readFileSync(README_FILE, 'utf8'));
    expect(blocks).toHaveLength(2);
    const root = tempFolder('advocacy-first-program-');
    const folder = join(root, 'work');
    const home = join(root, 'home');
    const bin = join(root, 'bin');
    for (const path of [folder, join(home, 'Downloads'), bin]) mkdirSync(path, { recursive: true });
    writeFileSync(join(bin, 'advocacy'), `#!/bin/sh\nexec "${process.execPath}" "${join(REPOSITORY, 'pipelines/advocacy.mjs')}" "$@"\n`);
    chmodSync(join(bin, 'advocacy'), 0o755);
    for (const [from, name] of [
      ['linkedin/A004/Content_2026-09-01_2026-09-30_Mette Larsen, MBA (1).xlsx', 'Content_2026-09-01_2026-09-30_Mette Larsen, MBA (1).xlsx'],
      ['ga4/traffic_acquisition.csv', 'traffic_acquisition.csv'],
      ['crm/hubspot-crm-exports-all-contacts-2026-10-31.csv', 'hubspot-crm-exports-all-contacts-2026-10-31.csv'],
    ] as const) {
      copyFileSync(join(EXPORTS, from), join(home, 'Downloads', name));
    }

    const init = runBlock(blocks[0]!, folder, home, bin);
    expect(init.status, init.stderr).toBe(0);
    const program = join(folder, 'acme');
    for (const made of ['inbox', 'archive', 'warehouse', 'out', 'templates']) expect(existsSync(join(program, made)), made).toBe(true);

    // By hand, as the guide says: the company, the filled templates, and no click log of its own.
    const configFile = join(program, 'advocacy.config.yaml');
    const config = readFileSync(configFile, 'utf8');
    expect(config).toContain('  name: Your Company A/S\n');
    // Not in the guide: an inbox that takes the templates `cp` copies at once rather than waiting 10 s for them to settle.
    writeFileSync(configFile, `${config.replace('  name: Your Company A/S\n', '  name: Nordlys Energi A/S\n')}\ningest:\n  settle_seconds: 0\n`);
    const templates = join(program, 'templates');
    for (const name of ['ambassadors', 'aliases', 'goals', 'content', 'share_log', 'trainings', 'costs']) {
      expect(existsSync(join(templates, `${name}.csv`)), name).toBe(true);
      copyFileSync(join(EXPORTS, 'program', `${name}.csv`), join(templates, `${name}.csv`));
    }
    rmSync(join(templates, 'touchpoints.csv'));
    rmSync(join(templates, 'outcomes.csv'));

    const run = runBlock(blocks[1]!, folder, home, bin);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^files: 10 loaded, 0 already loaded, 0 failed/m);
    expect(run.stdout).toContain('Files loaded per source:');
    expect(run.stdout).toMatch(/ga4\.traffic_acquisition\s+1 files/);
    expect(readdirSync(join(program, 'inbox')).filter((name) => name !== 'failed')).toEqual([]);
    expect(readdirSync(join(home, 'Downloads'))).toEqual([]);

    const leadership = readFileSync(join(program, 'out/latest/leadership.html'), 'utf8');
    expect(leadership).toContain('Nordlys Energi A/S: employee advocacy');
    const figures = new Map(
      Papa.parse<Record<string, string>>(readFileSync(join(program, 'out/latest/figures.csv'), 'utf8').replace(/^\uFEFF/, ''), {
        header: true,
        skipEmptyLines: true,
      }).data.map((row) => [row.figure_id, Number(row.value)]),
    );
    for (const figure of ['posts', 'sessions_from_links', 'leads_total']) expect(figures.get(figure), figure).toBeGreaterThan(0);
  }, 300_000);
});
