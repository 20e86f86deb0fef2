import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ParsedRow } from '../../../sources/adapter.ts';
import { detectAdapter } from '../../../sources/index.ts';
import { parseFile, type ParsedFile } from '../../../sources/parse.ts';

const FIXTURES = new URL('../../../fixtures/exports/facebook/', import.meta.url);
const OPTIONS = { folderName: 'inbox', timezone: 'Europe/Copenhagen', locale: 'da-DK', salt: 'test-salt-1234' };
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const CURRENT = 'Aug-01-2026_Aug-31-2026_1039829308656930.csv';
const OLDER = 'Jan-01-2023_Jan-31-2023_1039829308656930.csv';

function parse(
  fileName: string,
  bytes: Uint8Array = readFileSync(new URL(fileName, FIXTURES)),
  timezone = OPTIONS.timezone,
): { source: string; parsed: ParsedFile; rows: ParsedRow[] } {
  const adapter = detectAdapter(bytes, fileName);
  const parsed = parseFile(bytes, adapter, { ...OPTIONS, timezone, fileName });
  return { source: adapter.name, parsed, rows: parsed.rows.map((row) => row.values) };
}

describe('sources/facebook/page-posts', () => {
  describe(`a current Meta Business Suite export (${CURRENT}: BOM, 34 columns, Views)`, () => {
    const { source, parsed, rows } = parse(CURRENT);

    it('is recognised as facebook.page_posts through the byte-order mark', () => {
      expect(readFileSync(new URL(CURRENT, FIXTURES)).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
      expect(source).toBe('facebook.page_posts');
      expect(rows[0]!.post_id).toBe('12215893428700101');
    });

    it('reads one row per post with its lifetime metrics, text ids kept as text', () => {
      expect(rows[1]).toMatchObject({
        post_id: '12215893428700102',
        page_id: '1039829308656930',
        page_name: 'Nordlys Energi',
        post_type: 'Reels',
        duration_sec: 61,
        metric_period: 'Lifetime',
        caption_type: 'N/A',
        views: 22000,
        impressions: null,
        reach: 15010,
        reactions_comments_shares: 930,
        reactions: 860,
        comments: 44,
        shares: 26,
        total_clicks: 310,
        other_clicks: 140,
        video_clicks: 170,
        hide_all_clicks: 3,
        hide_clicks: 1,
        seconds_viewed: 88200,
        average_seconds_viewed: 4.01,
      });
    });

    it('reads Publish time as US MM/DD/YYYY HH:MM in the config’s time zone', () => {
      expect(rows[0]!.published_at).toEqual(new Date('2026-08-03T07:15:00Z'));
      expect(parse(CURRENT, undefined, 'UTC').rows[0]!.published_at).toEqual(new Date('2026-08-03T09:15:00Z'));
    });

    it('takes the caption from Title or Description, whichever holds it (Description when both do)', () => {
      expect(rows.map((row) => row.caption)).toEqual([
        'Vi åbner 40 nye stillinger i Aarhus! 🎉\nLæs mere og søg på nordlys.dk/job',
        'Vindmøller, forklaret på 60 sekunder ⚡',
        'Min kollega hos Nordlys Energi har skrevet en god guide, "læs den"!',
        'Timelapse: ny transformerstation',
        'Velkommen til vores nye lærlinge 👷‍♀️👷',
      ]);
    });

    it('takes the period from the file name', () => {
      expect(rows[0]).toMatchObject({ period_start: day('2026-08-01'), period_end: day('2026-08-31') });
      expect(parsed.facts).toMatchObject({ periodStart: day('2026-08-01'), periodEnd: day('2026-08-31') });
    });

    it('rejects a Post ID in scientific notation (Excel damage), telling the user to re-export without Excel', () => {
      expect(parsed.rejected).toEqual([
        expect.objectContaining({
          line: 6,
          field: 'post_id',
          value: '1.22158E+17',
          reason: expect.stringMatching(/scientific notation.*opened and saved in Excel.*export the file again.*without opening it in Excel/),
        }),
      ]);
    });
  });

  describe(`an older export (${OLDER}: 32 columns, Impressions instead of Views)`, () => {
    const { source, parsed, rows } = parse(OLDER);

    it('is recognised, with Impressions read and Views null', () => {
      expect(source).toBe('facebook.page_posts');
      expect(parsed.rejected).toEqual([]);
      expect(rows.map((row) => [row.post_id, row.impressions, row.views, row.hide_all_clicks, row.caption])).toEqual([
        ['11998765432100001', 4100, null, null, 'Godt nytår fra alle os i Nordlys Energi'],
        ['11998765432100002', 7600, null, null, 'Vi søger elektrikere'],
      ]);
    });
  });

  describe('columns that come and go', () => {
    const header = '"Post ID","Page ID",Title,Description,"Publish time",Permalink,"Post type",Date,Views,Reach,"Boost status"';
    const row = (id: string) => `${id},1039829308656930,,"Hej",09/01/2026 10:00,https://www.facebook.com/x/posts/${id},Photos,Lifetime,10,8,"Not boosted"`;

    it('matches columns by name, needs no fixed list, and keeps unknown columns in _extra', () => {
      const bytes = new TextEncoder().encode([`\ufeff${header}`, row('12215893428700201')].join('\n'));
      const { rows } = parse('Sep-01-2026_Sep-30-2026_1039829308656930.csv', bytes);
      expect(rows[0]).toMatchObject({ post_id: '12215893428700201', views: 10, reach: 8, reactions: null, _extra: '{"Boost status":"Not boosted"}' });
    });

    it('reads Publish time month first even when every date also reads day first', () => {
      const bytes = new TextEncoder().encode(
        [header, row('12215893428700201'), row('12215893428700202').replace('09/01/2026 10:00', '09/12/2026 10:00')].join('\n'),
      );
      expect(parse('posts.csv', bytes).rows.map((one) => one.published_at)).toEqual([new Date('2026-09-01T08:00:00Z'), new Date('2026-09-12T08:00:00Z')]);
    });

    it('rejects a Page ID damaged by Excel too, and an id that is not digits', () => {
      const bytes = new TextEncoder().encode(
        [
          header,
          row('12215893428700201'),
          row('12215893428700202').replace('1039829308656930', '1.03983E+15'),
          row('pfbid02abc'),
          row('12215893428700204'),
          row('12215893428700205'),
          row('12215893428700206'),
          row('12215893428700207'),
          row('12215893428700208'),
          row('12215893428700209'),
          row('12215893428700210'),
        ].join('\n'),
      );
      const { parsed } = parse('posts.csv', bytes);
      expect(parsed.rejected.map(({ line, field, value }) => ({ line, field, value }))).toEqual([
        { line: 3, field: 'page_id', value: '1.03983E+15' },
        { line: 4, field: 'post_id', value: 'pfbid02abc' },
      ]);
      expect(parsed.rejected[1]!.reason).toBe('Post ID "pfbid02abc" is not a Meta id (digits only)');
    });
  });
});
