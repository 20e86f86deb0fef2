import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectAdapter } from '../../../sources/index.ts';
import { parseFile } from '../../../sources/parse.ts';
import { webTouchpoints } from '../../../sources/web/touchpoints.ts';

const FILE = 'touchpoints.csv';
const bytes = readFileSync(new URL(`../../../fixtures/exports/web/${FILE}`, import.meta.url));
const OPTIONS = { fileName: FILE, folderName: 'inbox', timezone: 'Europe/Copenhagen', locale: 'da-DK', salt: 'test-salt-1234' };

describe('sources/web/touchpoints', () => {
  const adapter = detectAdapter(bytes, FILE);
  const parsed = parseFile(bytes, adapter, OPTIONS);
  const rows = parsed.rows.map((row) => row.values);

  it('is recognised as web.touchpoints', () => {
    expect(adapter.name).toBe('web.touchpoints');
  });

  it('has no hooks, so the DuckDB read_csv path can take the file later', () => {
    expect(webTouchpoints.transformRow).toBeUndefined();
    expect(webTouchpoints.isSummaryRow).toBeUndefined();
    expect(webTouchpoints.fileFacts).toBeUndefined();
    expect(webTouchpoints.locateTable).toBeUndefined();
  });

  it('reads the rows with the tags as they come', () => {
    expect(rows).toHaveLength(8);
    expect(rows[0]).toMatchObject({
      visitor_id: 'GA1.1.1234.5678',
      touched_at: new Date('2026-10-28T09:14:00Z'),
      utm_source: 'linkedin',
      utm_medium: 'employee_advocacy',
      utm_campaign: 'rekruttering-q4',
      utm_content: 'amb-7f3k2',
      utm_term: null,
      referrer: 'https://www.linkedin.com/',
    });
    expect(rows[3]).toMatchObject({ utm_source: 'LinkedIn', utm_medium: 'Employee_Advocacy', utm_content: 'amb-7f3k2' });
  });

  it('reads a timestamp without a zone in the config time zone, and honours Z and offsets', () => {
    expect(rows[2]?.touched_at).toEqual(new Date('2026-10-28T09:05:00Z')); // 10:05 in Copenhagen (CET)
    expect(rows[3]?.touched_at).toEqual(new Date('2026-10-30T11:00:00Z')); // 12:00+01:00
    expect(rows[1]?.touched_at).toEqual(new Date('2026-10-29T19:02:11Z'));
  });

  it('keeps extra columns in _extra', () => {
    expect(JSON.parse(String(rows[0]?._extra))).toEqual({ device_category: 'desktop' });
  });

  it('rejects an impossible timestamp and a visit repeated with its page and tags', () => {
    expect(parsed.rejected).toEqual([
      expect.objectContaining({ line: 9, field: 'touched_at', value: '2026-11-31T10:00:00Z', reason: expect.stringContaining('not a valid date') }),
      expect.objectContaining({
        line: 10,
        field: 'visitor_id, touched_at, landing_page, utm_source, utm_medium, utm_campaign, utm_content, utm_term',
        reason: expect.stringContaining('already on line 2'),
      }),
    ]);
  });

  it('keeps two clicks on two different links in the same second as two visits, not a repeat of the first', () => {
    const header = 'visitor_id,touched_at,utm_source,utm_medium,utm_campaign,utm_content,utm_term,landing_page,referrer';
    const twoLinks = [
      header,
      'v1,2026-06-29T10:00:00Z,linkedin,employee_advocacy,spring,amb-1,,https://nordlys.dk/job,',
      'v1,2026-06-29T10:00:00Z,linkedin,employee_advocacy,spring,amb-2,,https://nordlys.dk/job,',
      'v1,2026-06-29T10:00:00Z,linkedin,employee_advocacy,autumn,amb-1,,https://nordlys.dk/job,',
    ].join('\n');
    const result = parseFile(Buffer.from(twoLinks), adapter, OPTIONS);
    expect(result.rejected).toEqual([]);
    expect(result.rows.map((row) => [row.values.utm_campaign, row.values.utm_content])).toEqual([
      ['spring', 'amb-1'],
      ['spring', 'amb-2'],
      ['autumn', 'amb-1'],
    ]);
  });
});
