import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ParsedRow } from '../../../sources/adapter.ts';
import { detectAdapter } from '../../../sources/index.ts';
import { parseFile, type ParsedFile } from '../../../sources/parse.ts';

const FIXTURES = new URL('../../../fixtures/exports/facebook/', import.meta.url);
const OPTIONS = { folderName: 'inbox', timezone: 'Europe/Copenhagen', locale: 'da-DK', salt: 'test-salt-1234' };
const LEGACY = 'Facebook Insights Data Export (Post Level) - Nordlys Energi - 2015-11-01.csv';

function parse(fileName: string, bytes: Uint8Array = readFileSync(new URL(fileName, FIXTURES))): { source: string; parsed: ParsedFile; rows: ParsedRow[] } {
  const adapter = detectAdapter(bytes, fileName);
  const parsed = parseFile(bytes, adapter, { ...OPTIONS, fileName });
  return { source: adapter.name, parsed, rows: parsed.rows.map((row) => row.values) };
}

describe('sources/facebook/insights-posts', () => {
  const { source, parsed, rows } = parse(LEGACY);

  it('is recognised as facebook.insights_posts', () => {
    expect(source).toBe('facebook.insights_posts');
  });

  it('skips the row of metric descriptions under the header, without rejecting it', () => {
    expect(parsed.skipped).toBe(1);
    expect(parsed.rejected).toEqual([]);
    expect(parsed.rows.map((row) => row.line)).toEqual([3, 4, 5]);
  });

  it('reads each post with its lifetime metrics; Posted is M/D/YYYY H:MM in the config’s time zone', () => {
    expect(rows[1]).toEqual(
      expect.objectContaining({
        post_id: '286091638153001_1027601377335002',
        post_type: 'Video',
        posted_at: new Date('2015-10-13T07:05:00Z'),
        audience_targeting: null,
        reach_total: 5200,
        reach_organic: 5200,
        reach_paid: 0,
        impressions_total: 7810,
        engaged_users: 410,
        consumptions: 512,
        talking_about_likes: 260,
        talking_about_comments: 12,
        talking_about_shares: 31,
        link_clicks: 0,
        other_clicks: 512,
      }),
    );
    expect(rows[2]!.post_message).toBe('Fredagsbar 🍻\n\nGod weekend!');
  });

  it('is not disturbed by metric names that repeat (total and unique video watches), which it does not read', () => {
    expect(Object.keys(rows[0]!).some((key) => key.includes('watch'))).toBe(false);
  });

  it('reads Posted month first even when every date also reads day first', () => {
    const original = readFileSync(new URL(LEGACY, FIXTURES), 'utf8');
    const ambiguous = original.replace('10/13/2015 9:05', '10/12/2015 9:05').replace('10/30/2015 15:30', '10/11/2015 15:30');
    expect(parse(LEGACY, new TextEncoder().encode(ambiguous)).rows.map((row) => row.posted_at)).toEqual([
      new Date('2015-10-01T19:00:00Z'),
      new Date('2015-10-12T07:05:00Z'),
      new Date('2015-10-11T13:30:00Z'),
    ]);
  });

  it('rejects a Post ID that is not <page id>_<post id>', () => {
    const broken = readFileSync(new URL(LEGACY, FIXTURES), 'utf8').replace('286091638153001_1027488210680001', '2.86092E+14');
    const { parsed: damaged } = parse(LEGACY, new TextEncoder().encode(broken));
    expect(damaged.rejected).toEqual([
      expect.objectContaining({ line: 3, field: 'post_id', value: '2.86092E+14', reason: expect.stringMatching(/scientific notation/) }),
    ]);
  });
});
