import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ParsedRow } from '../../../sources/adapter.ts';
import { detectAdapter } from '../../../sources/index.ts';
import { parseFile, type ParsedFile } from '../../../sources/parse.ts';

const FIXTURES = new URL('../../../fixtures/exports/ga4/', import.meta.url);
const OPTIONS = { folderName: 'inbox', timezone: 'Europe/Copenhagen', locale: 'da-DK', salt: 'test-salt-1234', currency: 'DKK' };

function parse(
  fileName: string,
  bytes: Uint8Array = readFileSync(new URL(fileName, FIXTURES)),
  currency = OPTIONS.currency,
): { source: string; parsed: ParsedFile; rows: ParsedRow[] } {
  const adapter = detectAdapter(bytes, fileName);
  const parsed = parseFile(bytes, adapter, { ...OPTIONS, currency, fileName });
  return { source: adapter.name, parsed, rows: parsed.rows.map((row) => row.values) };
}

const text = (lines: string[]) => new TextEncoder().encode(lines.join('\n'));
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe('sources/ga4/traffic-acquisition', () => {
  describe('an English Reports download (fixtures/exports/ga4/traffic_acquisition.csv)', () => {
    const { source, parsed, rows } = parse('traffic_acquisition.csv');

    it('is recognised as ga4.traffic_acquisition', () => {
      expect(source).toBe('ga4.traffic_acquisition');
    });

    it('reads the data rows with typed values: counts, fractions, seconds, money', () => {
      expect(rows).toHaveLength(7);
      expect(rows[1]).toMatchObject({
        manual_ad_content: 'amb-7f3k2',
        day: day('2026-10-28'),
        grain: 'day',
        sessions: 120,
        engaged_sessions: 80,
        engagement_rate: 0.6666666666666666,
        average_engagement_time_per_session: 48.5,
        events_per_session: 5.2,
        event_count: 624,
        key_events: 3,
        session_key_event_rate: 0.025,
        total_revenue: '0',
      });
      expect(parsed.rows.map((row) => row.line)).toEqual([12, 13, 14, 15, 16, 17, 19]);
    });

    it('takes the period and the title from the # preamble', () => {
      expect(parsed.facts.periodStart).toEqual(day('2026-10-28'));
      expect(parsed.facts.periodEnd).toEqual(day('2026-11-27'));
      expect(rows[0]).toMatchObject({
        period_start: day('2026-10-28'),
        period_end: day('2026-11-27'),
        report_title: 'Traffic acquisition: Session manual ad content',
      });
    });

    it('skips the Grand total row under the header without rejecting it', () => {
      expect(parsed.skipped).toBe(1);
      expect(rows.some((row) => row.manual_ad_content === 'Grand total')).toBe(false);
      expect(parsed.rejected.map((row) => row.line)).not.toContain(11);
    });

    it('stops at the stacked table after the blank line and the new # block', () => {
      expect(Math.max(...parsed.rows.map((row) => row.line))).toBe(19);
      expect(parsed.rejected.every((row) => row.line < 21)).toBe(true);
    });

    it('keeps UTM values in the case GA4 wrote them: amb-7f3k2 and AMB-7F3K2 are two rows', () => {
      const onThe29th = rows.filter((row) => (row.day as Date).getTime() === day('2026-10-29').getTime());
      expect(onThe29th.map((row) => row.manual_ad_content)).toEqual(['amb-7f3k2', 'AMB-7F3K2']);
    });

    it('reads a quoted thousands-separated count ("1,200")', () => {
      expect(rows.find((row) => row.day instanceof Date && row.day.getTime() === day('2026-10-30').getTime())?.sessions).toBe(1200);
    });

    it('has a unique natural key (day + dimension values)', () => {
      const keys = rows.map((row) => [row.day, row.manual_ad_content].map(String).join('|'));
      expect(new Set(keys).size).toBe(rows.length);
    });

    it('rejects the row whose Sessions is not a number, naming line, field and reason', () => {
      expect(parsed.rejected).toEqual([
        expect.objectContaining({ line: 18, field: 'sessions', value: 'n/a', reason: expect.stringContaining('not a whole number') }),
      ]);
    });
  });

  describe('a French Reports download (fixtures/exports/ga4/traffic_acquisition.fr.csv)', () => {
    // The French property reports its revenue in euro, as its program does.
    const { source, parsed, rows } = parse('traffic_acquisition.fr.csv', undefined, 'EUR');

    it('is recognised from its French header', () => {
      expect(source).toBe('ga4.traffic_acquisition');
      expect(parsed.rejected).toEqual([]);
    });

    it('reads `;`-separated cells with French numbers: 1 200, 62,5 %, 1 234,56 €', () => {
      expect(rows[0]).toMatchObject({
        channel_group: 'Organic Social',
        sessions: 1200,
        active_users: 950,
        engagement_rate: 0.625,
        key_events: 14,
        total_revenue: '1234.56',
      });
      expect(rows[1]).toMatchObject({ sessions: 3410, active_users: 2980, engagement_rate: 0.551, total_revenue: '0' });
      expect(rows[2]?.total_revenue).toBe('4567.8');
    });

    it('takes the period from `# Date de début :` and `# Date de fin :`; rows without Date sum the period', () => {
      expect(parsed.facts.periodStart).toEqual(day('2026-07-01'));
      expect(parsed.facts.periodEnd).toEqual(day('2026-09-28'));
      expect(rows.every((row) => (row.day as Date).getTime() === day('2026-07-01').getTime() && row.grain === 'period')).toBe(true);
      expect(rows[0]?.report_title).toBe('Acquisition de trafic : Groupe de canaux par défaut de la session');
    });
  });

  describe('an Explorations export (fixtures/exports/ga4/exploration.csv)', () => {
    const { source, parsed, rows } = parse('exploration.csv');

    it('is read by the same adapter: same dimensions and metrics', () => {
      expect(source).toBe('ga4.traffic_acquisition');
    });

    it('takes the period from the bare `# 20251001-20260228` line and the title that follows', () => {
      expect(parsed.facts.periodStart).toEqual(day('2025-10-01'));
      expect(parsed.facts.periodEnd).toEqual(day('2026-02-28'));
      expect(rows[0]?.report_title).toBe('Free form 1');
    });

    it('places a bare Month in the year the period gives it', () => {
      expect(rows.map((row) => [row.month, (row.day as Date).toISOString().slice(0, 10), row.grain])).toEqual([
        ['10', '2025-10-01', 'month'],
        ['01', '2026-01-01', 'month'],
        ['12', '2025-12-01', 'month'],
        ['12', '2025-12-01', 'month'],
        ['02', '2026-02-01', 'month'],
      ]);
    });

    it('splits source / medium into source and medium', () => {
      expect(rows.map((row) => [row.source, row.medium])).toEqual([
        ['linkedin', 'employee_advocacy'],
        ['linkedin', 'employee_advocacy'],
        ['facebook', 'employee_advocacy'],
        ['l.facebook.com', 'referral'],
        ['(direct)', '(none)'],
      ]);
    });

    it('skips the Grand total at the bottom', () => {
      expect(parsed.skipped).toBe(1);
      expect(rows.some((row) => row.manual_ad_content === 'Grand total')).toBe(false);
    });

    it('rejects a month outside the period', () => {
      expect(parsed.rejected).toEqual([
        expect.objectContaining({ line: 12, field: 'month', value: '07', reason: expect.stringContaining('2025-10-01 to 2026-02-28') }),
      ]);
    });
  });

  it('reads the older generation: Session default channel group, Conversions, no key event rate', () => {
    const { source, parsed, rows } = parse(
      'old.csv',
      text([
        '# Start date: 20230101',
        '# End date: 20230131',
        'Session default channel group,Session source / medium,Sessions,Engaged sessions,Engagement rate,Conversions,Total revenue',
        'Organic Social,linkedin.com / referral,40,30,0.75,2,0',
      ]),
    );
    expect(source).toBe('ga4.traffic_acquisition');
    expect(parsed.rejected).toEqual([]);
    expect(rows[0]).toMatchObject({ channel_group: 'Organic Social', key_events: 2, source: 'linkedin.com', medium: 'referral', session_key_event_rate: null });
  });

  it('keeps both rows of a comparison, told apart by Date range', () => {
    const { rows, parsed } = parse(
      'comparison.csv',
      text([
        '# Start date: 20260701',
        '# End date: 20260928',
        'Session manual ad content,Date range,Sessions,Engaged sessions',
        'amb-7f3k2,Jul 1 - Sep 28 2026,40,30',
        'amb-7f3k2,Apr 2 - Jun 30 2026,20,10',
      ]),
    );
    expect(parsed.rejected).toEqual([]);
    expect(rows.map((row) => row.date_range)).toEqual(['Jul 1 - Sep 28 2026', 'Apr 2 - Jun 30 2026']);
  });

  it('rejects rows that cannot be placed in time: no Date column and no period in the preamble', () => {
    const { parsed } = parse('no-preamble.csv', text(['Session manual ad content,Sessions,Engaged sessions', 'amb-7f3k2,40,30']));
    expect(parsed.rejected).toEqual([expect.objectContaining({ line: 2, field: 'day', reason: expect.stringContaining('# Start date:') })]);
  });
});
