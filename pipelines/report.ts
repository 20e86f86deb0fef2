/**
 * Report: reads the marts and writes the reports into `paths.out` (a dated run folder
 * and `latest/`), unless nothing changed since the last run (`--force` rebuilds).
 * Presentation lives in `reports/`; this is only the edge that connects it to the
 * config, the warehouse and the model headers.
 */
import { discoverModels } from '../models/runner.ts';
import { reportsState, upToDateMessage } from '../reports/fingerprint.ts';
import type { ReportRunResult } from '../reports/run.ts';
import type { Session } from './session.ts';

export interface WriteReportsOptions {
  /** Rebuild even when the data, the build and the config are unchanged. */
  force?: boolean;
}

/** Each mart's grain, from its model's `-- grain:` header (for the extracts' data dictionary). */
async function martGrains(): Promise<Map<string, string>> {
  try {
    const models = await discoverModels();
    return new Map(models.filter((model) => model.layer === 'marts' && model.grain).map((model) => [model.name, model.grain as string]));
  } catch {
    // The dictionary falls back to its own meanings.
    return new Map();
  }
}

export async function writeReports(session: Session, options: WriteReportsOptions = {}): Promise<ReportRunResult & { files: string[] }> {
  const { config, warehouse, log } = session;
  const fingerprinted = config as unknown as Record<string, unknown>;
  // Up to date (a cron run on a day nothing arrived): said without loading the renderers, which take a second or two.
  const state = await reportsState(warehouse, config.paths.out, fingerprinted, options.force ?? false);
  if (state.reasons.length === 0) {
    log.info(upToDateMessage(state.latestDir));
    return { skipped: true, reasons: ['unchanged'], files: [], runDir: null, latestDir: state.latestDir, fingerprint: state.fingerprint };
  }
  const { runReports } = await import('../reports/run.ts');
  const result = await runReports(warehouse, {
    companyName: config.company.name,
    currency: config.currency,
    language: config.report.language,
    anonymise: config.report.anonymise,
    salt: config.salt,
    model: config.attribution.default_model,
    outDir: config.paths.out,
    config: fingerprinted,
    force: options.force ?? false,
    timeZone: config.timezone,
    grains: await martGrains(),
    log: (message) => log.info(message, { stage: 'report' }),
  });
  return result;
}
