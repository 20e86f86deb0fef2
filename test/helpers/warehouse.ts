/** Test helpers: a fresh in-memory warehouse with every raw and meta table, and a config rooted in a temp folder. */
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateConfig, type Config, type ConfigInput } from '../../pipelines/config.ts';
import { prepareWarehouse } from '../../pipelines/meta.ts';
import { quotedString, Warehouse } from '../../pipelines/warehouse.ts';
import type { Adapter } from '../../sources/adapter.ts';
import { adapters } from '../../sources/index.ts';
import { localCalendarDay } from '../../sources/read/values.ts';

export const TEST_SALT = 'test-salt-not-secret';

/**
 * The day folder a run archived its files into: the archive's one folder, which is the
 * local calendar day in `timeZone` when the run started or when it ended (a run may cross
 * midnight). Throws when the archive holds anything else.
 */
export function archivedDay(archive: string, timeZone: string, started: Date): string {
  const folders = readdirSync(archive);
  const days = [localCalendarDay(started, timeZone), localCalendarDay(new Date(), timeZone)];
  if (folders.length !== 1 || !days.includes(folders[0]!))
    throw new Error(`the archive holds ${JSON.stringify(folders)}, not one folder for ${days.join(' or ')}`);
  return folders[0]!;
}

export function tempFolder(prefix = 'advocacy-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/**
 * A config rooted in a temp folder. Its inbox takes files at once (`ingest.settle_seconds: 0`):
 * a test writes its files and runs straight away, where a real inbox waits for files to settle.
 */
export function testConfig(overrides: Partial<ConfigInput> = {}, root = tempFolder()): Config {
  return validateConfig(
    { company: { name: 'Nordlys Energi A/S', aliases: ['Nordlys Energi', 'Nordlys'] }, salt: TEST_SALT, ingest: { settle_seconds: 0 }, ...overrides },
    { root, env: {} },
  );
}

/**
 * Adds the local calendar day of a hand-made table's instants (`occurred_on` from
 * `occurred_at`), as the models that make such tables do.
 */
export async function addLocalDay(warehouse: Warehouse, table: string, timezone = testConfig().timezone): Promise<void> {
  await warehouse.run(`alter table ${table} add column if not exists occurred_on date;
    update ${table} set occurred_on = cast(timezone(${quotedString(timezone)}, occurred_at at time zone 'UTC') as date)`);
}

/**
 * core.sessions_daily from a hand-made core.touchpoints, as a program without GA4 reports
 * has it: one session per visit, on the visit's local day. The marts that count sessions
 * read it; core.sessions_daily's own tests cover GA4's reports and the platform.
 */
export async function addSessionsDaily(warehouse: Warehouse, timezone = testConfig().timezone): Promise<void> {
  await warehouse.run(`create or replace table core.sessions_daily as
    select cast(timezone(${quotedString(timezone)}, touched_at at time zone 'UTC') as date) as day, 'Unassigned' as channel_group,
      null::varchar as platform, ambassador_id, count(*)::bigint as sessions, null::bigint as engaged_sessions, null::double as key_events,
      'touchpoints' as counted_from
    from core.touchpoints
    group by all`);
}

/**
 * Runs `work` with an in-memory warehouse prepared like a real one, and closes it. A test
 * that loads the files of a few formats only may ask for their raw tables only
 * (`withAdapters`): preparing every adapter's costs more than most such tests.
 */
export async function withWarehouse<T>(work: (warehouse: Warehouse) => Promise<T>, withAdapters: readonly Adapter[] = adapters): Promise<T> {
  const warehouse = await Warehouse.open(':memory:');
  try {
    await prepareWarehouse(warehouse, withAdapters);
    return await work(warehouse);
  } finally {
    warehouse.close();
  }
}
