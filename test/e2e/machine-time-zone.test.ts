/**
 * The machine's time zone changes nothing: instants are stored as UTC and days are the
 * program's (config `timezone`), whether the nightly job runs in Copenhagen, New York or
 * a container in UTC.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const SCRIPT = `
import { Warehouse } from './pipelines/warehouse.ts';
import { localCalendarDay } from './sources/read/values.ts';
const warehouse = await Warehouse.open(':memory:');
const row = await warehouse.one("select epoch(now()::timestamp) as stored, epoch(now()) as instant, current_setting('TimeZone') as zone");
const late = new Date('2026-10-31T23:30:00Z');
console.log(JSON.stringify({ ...row, day: localCalendarDay(late, 'Europe/Copenhagen'), machine: new Date(2026, 9, 31, 23, 30).getTimezoneOffset() }));
warehouse.close();
`;

function inZone(zone: string): { stored: number; instant: number; zone: string; day: string; machine: number } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', SCRIPT], {
    cwd: new URL('../../', import.meta.url),
    encoding: 'utf8',
    env: { ...process.env, TZ: zone },
  });
  expect(result.status, result.stderr).toBe(0);
  return JSON.parse(result.stdout.trim()) as ReturnType<typeof inZone>;
}

describe('the machine’s time zone', () => {
  it.each(['America/New_York', 'Asia/Tokyo'])('in %s, a timestamp the warehouse stamps is UTC, and a local day is the program’s', (zone) => {
    const seen = inZone(zone);
    expect(seen.machine).not.toBe(0);
    expect(seen.zone).toBe('UTC');
    expect(Math.abs(seen.stored - seen.instant)).toBeLessThan(1);
    expect(seen.day).toBe('2026-11-01');
  });
});
