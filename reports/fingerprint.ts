/**
 * When to rebuild the reports: a fingerprint of what they are made from. The data part
 * is the last loaded file (meta.files: highest file_id and count) and the last build
 * (meta.model_runs: latest built_at and count); then a hash of the config, and the
 * report code's version (a hash of reports/**.ts and .mjs, and the versions of the
 * chart libraries). Stored as JSON in `out/latest/.fingerprint`; equal fingerprints
 * mean the reports in out/latest are current.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Warehouse } from '../pipelines/warehouse.ts';

export interface Fingerprint {
  /** meta.files: the highest file_id and how many files are loaded. */
  files: { maxId: number | null; count: number };
  /** meta.model_runs: the latest build's time and how many model builds are logged. */
  build: { lastBuiltAt: string | null; count: number };
  /** SHA-256 of the config's stable JSON (the salt hashed in, never stored). */
  config: string;
  /** SHA-256 of the report code and the chart libraries' versions. */
  code: string;
}

function sha256(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}

/** JSON with object keys sorted, so equal values give equal text. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return `{${Object.keys(value as object)
      .sort()
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${stableJson((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value instanceof Date ? value.toISOString() : value) ?? 'null';
}

/**
 * The hash of a config's settings that can change a report: not where it was read from
 * (`root`, `file`), where the files live (`paths`: the reports stand in their own folder,
 * and their data is fingerprinted apart) or how runs wait for each other (`lock`).
 */
export function configHash(config: Record<string, unknown>): string {
  const { root: _root, file: _file, paths: _paths, lock: _lock, ...rest } = config;
  return sha256(stableJson(rest));
}

let codeVersion: string | undefined;

/** A hash of every source file under reports/ (TypeScript, or JavaScript in the compiled package) and the versions of vega, vega-lite, vega-embed and resvg. */
export function reportCodeVersion(): string {
  if (codeVersion) return codeVersion;
  const root = dirname(fileURLToPath(import.meta.url));
  const hash = createHash('sha256');
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder).sort()) {
      const path = join(folder, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(ts|js|mjs)$/.test(entry)) hash.update(relative(root, path)).update('\0').update(readFileSync(path)).update('\0');
    }
  };
  walk(root);
  const require = createRequire(import.meta.url);
  for (const name of ['vega', 'vega-lite', 'vega-embed', '@resvg/resvg-js', 'apache-arrow']) {
    let version = 'unknown';
    try {
      let folder = dirname(require.resolve(name));
      while (!existsSync(join(folder, 'package.json')) || (JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as { name?: string }).name !== name) {
        const parent = dirname(folder);
        if (parent === folder) break;
        folder = parent;
      }
      version = (JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as { version?: string }).version ?? version;
    } catch {
      // A library that cannot be resolved counts as "unknown": still a stable fingerprint.
    }
    hash.update(`${name}@${version}\n`);
  }
  codeVersion = hash.digest('hex');
  return codeVersion;
}

/** The data part of the fingerprint, from the warehouse's bookkeeping (zeros when the meta tables are absent). */
export async function dataFingerprint(warehouse: Warehouse): Promise<Pick<Fingerprint, 'files' | 'build'>> {
  const files = (await warehouse.tableExists('meta', 'files'))
    ? await warehouse.one<{ max_id: number | null; count: number }>(
        `select max(file_id)::integer as max_id, count(*)::integer as count from meta.files where status = 'loaded'`,
      )
    : undefined;
  const build = (await warehouse.tableExists('meta', 'model_runs'))
    ? await warehouse.one<{ last: string | null; count: number }>(
        `select strftime(max(built_at), '%Y-%m-%dT%H:%M:%S.%f') as last, count(*)::integer as count from meta.model_runs`,
      )
    : undefined;
  return {
    files: { maxId: files?.max_id ?? null, count: files?.count ?? 0 },
    build: { lastBuiltAt: build?.last ?? null, count: build?.count ?? 0 },
  };
}

export async function reportFingerprint(warehouse: Warehouse, config: Record<string, unknown>): Promise<Fingerprint> {
  return { ...(await dataFingerprint(warehouse)), config: configHash(config), code: reportCodeVersion() };
}

export const FINGERPRINT_FILE = '.fingerprint';
/** The folder under the output folder that always holds the latest reports. */
export const LATEST_FOLDER = 'latest';

export interface ReportsState {
  latestDir: string;
  fingerprint: Fingerprint;
  /** Why the reports must be written again; empty when the latest ones are up to date. */
  reasons: string[];
}

/** Whether the reports in `outDir/latest/` were made from what the warehouse, the config and the report code are now. */
export async function reportsState(warehouse: Warehouse, outDir: string, config: Record<string, unknown>, force = false): Promise<ReportsState> {
  const latestDir = join(outDir, LATEST_FOLDER);
  const fingerprint = await reportFingerprint(warehouse, config);
  const stored = readStoredFingerprint(latestDir);
  const reasons = force ? ['--force'] : sameFingerprint(stored, fingerprint) ? [] : fingerprintChanges(stored, fingerprint);
  return { latestDir, fingerprint, reasons };
}

/** The log line of reports that are up to date. */
export function upToDateMessage(latestDir: string): string {
  return `reports are up to date (no new data, build or config since ${latestDir} was written); "report --force" rebuilds them`;
}

/** The fingerprint stored with the latest reports, or null. */
export function readStoredFingerprint(latestDir: string): Fingerprint | null {
  const file = join(latestDir, FINGERPRINT_FILE);
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Fingerprint;
  } catch {
    return null;
  }
}

export function sameFingerprint(a: Fingerprint | null, b: Fingerprint): boolean {
  return a !== null && stableJson(a) === stableJson(b);
}

/** What differs, in words, for the log line: `data (files)`, `config`, `report code`. */
export function fingerprintChanges(before: Fingerprint | null, after: Fingerprint): string[] {
  if (!before) return ['no earlier reports'];
  const changes: string[] = [];
  if (stableJson(before.files) !== stableJson(after.files)) changes.push('new files loaded');
  if (stableJson(before.build) !== stableJson(after.build)) changes.push('models rebuilt');
  if (before.config !== after.config) changes.push('config changed');
  if (before.code !== after.code) changes.push('report code changed');
  return changes;
}
