import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ParsedRow } from '../../../sources/adapter.ts';
import { detectAdapter } from '../../../sources/index.ts';
import { parseFile, type ParsedFile } from '../../../sources/parse.ts';

const FIXTURES = new URL('../../../fixtures/exports/ga4/', import.meta.url);
const OPTIONS = { folderName: 'inbox', timezone: 'Europe/Copenhagen', locale: 'da-DK', salt: 'test-salt-1234' };

function parse(fileName: string, bytes: Uint8Array = readFileSync(new URL(fileName, FIXTURES))): { source: string; parsed: ParsedFile; rows: ParsedRow[] } {
  const adapter = detectAdapter(bytes, fileName);
  const parsed = parseFile(bytes, adapter, { ...OPTIONS, fileName });
  return { source: adapter.name, parsed, rows: parsed.rows.map((row) => row.values) };
}

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe('sources/ga4/landing-pages', () => {
  const { source, parsed, rows } = parse('landing_pages.csv');
  const page = (prefix: string) => rows.filter((row) => String(row.landing_page).startsWith(prefix));

  it('is recognised as ga4.landing_pages', () => {
    expect(source).toBe('ga4.landing_pages');
  });

  it('reads the rows with typed metrics, the period and the whole-period grain', () => {
    expect(rows).toHaveLength(7);
    expect(rows[0]).toMatchObject({
      landing_page: '/',
      sessions: 2100,
      active_users: 1950,
      new_users: 1400,
      average_engagement_time_per_active_user: 35.2,
      key_events: 10,
      total_revenue: '0',
      day: day('2026-10-28'),
      grain: 'period',
      period_start: day('2026-10-28'),
      period_end: day('2026-11-27'),
    });
  });

  it('reads the UTM tags from the landing page query string, keeping their case', () => {
    expect(page('/karriere/').map((row) => [row.utm_source, row.utm_medium, row.utm_campaign, row.utm_content, row.page_path])).toEqual([
      ['linkedin', 'employee_advocacy', 'rekruttering-q4', 'amb-7f3k2', '/karriere/'],
      ['LinkedIn', 'employee_advocacy', 'rekruttering-q4', 'amb-7f3k2', '/karriere/'],
    ]);
  });

  it('decodes percent-encoded values and keeps a comma inside a quoted URL', () => {
    expect(page('/webinar')[0]).toMatchObject({ utm_campaign: 'webinar,oktober', utm_content: 'amb-00x1a', sessions: 12, total_revenue: '1250' });
  });

  it('flags fbclid and gclid', () => {
    expect(page('/blog/')[0]).toMatchObject({ has_fbclid: true, has_gclid: false, utm_source: 'facebook', utm_content: 'amb-q81zd' });
    expect(page('/varmepumper')[0]).toMatchObject({ has_fbclid: false, has_gclid: true, utm_source: null, utm_content: null });
  });

  it('skips the Grand total row', () => {
    expect(parsed.skipped).toBe(1);
    expect(page('Grand total')).toEqual([]);
  });

  it('has a unique natural key', () => {
    expect(new Set(rows.map((row) => `${String(row.day)}|${String(row.landing_page)}`)).size).toBe(rows.length);
  });

  it('rejects the row with an unreadable Sessions', () => {
    expect(parsed.rejected).toEqual([expect.objectContaining({ line: 18, field: 'sessions', value: 'lots' })]);
  });

  it('takes a landing page report with a session secondary dimension, not traffic acquisition', () => {
    const bytes = new TextEncoder().encode(
      [
        '# Start date: 20261028',
        '# End date: 20261127',
        'Landing page + query string,Session source / medium,Sessions,Engaged sessions,Engagement rate,Active users,Key events',
        '/?utm_content=amb-7f3k2,linkedin / employee_advocacy,10,5,0.5,9,0',
      ].join('\n'),
    );
    const {
      source: detected,
      rows: [row],
    } = parse('secondary.csv', bytes);
    expect(detected).toBe('ga4.landing_pages');
    expect(row).toMatchObject({ source_medium: 'linkedin / employee_advocacy', utm_content: 'amb-7f3k2', engagement_rate: 0.5 });
  });
});
