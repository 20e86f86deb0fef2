import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ParsedRow } from '../../../sources/adapter.ts';
import { detectAdapter } from '../../../sources/index.ts';
import { unwrapCommentary } from '../../../sources/linkedin/member-shares.ts';
import { parseFile, type ParsedFile } from '../../../sources/parse.ts';

const FIXTURES = new URL('../../../fixtures/exports/linkedin/', import.meta.url);
const OPTIONS = { timezone: 'Europe/Copenhagen', locale: 'da-DK', salt: 'test-salt-1234' };

function parse(path: string, bytes: Uint8Array = readFileSync(new URL(path, FIXTURES))): { source: string; parsed: ParsedFile; rows: ParsedRow[] } {
  const [folderName, fileName] = path.split('/') as [string, string];
  const adapter = detectAdapter(bytes, fileName);
  const parsed = parseFile(bytes, adapter, { ...OPTIONS, fileName, folderName });
  return { source: adapter.name, parsed, rows: parsed.rows.map((row) => row.values) };
}

const MEDIA = (n: string) => `https://media.licdn.com/dms/image/v2/D4D22AQ-${n}/feedshare-shrink_800/0/1`;

describe('sources/linkedin/member-shares', () => {
  describe('a 2025 data archive Shares.csv (fixtures/exports/linkedin/A002/Shares.csv)', () => {
    const { source, parsed, rows } = parse('A002/Shares.csv');

    it('is recognised as linkedin.member_shares, with the member taken from the folder', () => {
      expect(source).toBe('linkedin.member_shares');
      expect(rows.every((row) => row.folder_name === 'A002')).toBe(true);
    });

    it('decodes the URL-encoded ShareLink and takes the post id and urn from it', () => {
      expect(rows.map((row) => [row.share_link, row.post_id, row.post_urn])).toEqual([
        ['https://www.linkedin.com/feed/update/urn:li:share:7368000000000000001', '7368000000000000001', 'urn:li:share:7368000000000000001'],
        ['https://www.linkedin.com/feed/update/urn:li:ugcPost:7369000000000000002', '7369000000000000002', 'urn:li:ugcPost:7369000000000000002'],
        ['https://www.linkedin.com/feed/update/urn:li:share:7370000000000000003', '7370000000000000003', 'urn:li:share:7370000000000000003'],
        ['https://www.linkedin.com/feed/update/urn:li:share:7372000000000000005', '7372000000000000005', 'urn:li:share:7372000000000000005'],
        [
          'https://www.linkedin.com/feed/update/urn:li:groupPost:9015002-7386379106294149120',
          '7386379106294149120',
          'urn:li:groupPost:9015002-7386379106294149120',
        ],
      ]);
    });

    it('collapses the rows of one post with several media into its first row, gathering every media URL, without rejecting any', () => {
      expect(parsed.rows[0]!.line).toBe(2);
      expect(rows[0]).toMatchObject({ media_url: MEDIA('one'), media_urls: JSON.stringify([MEDIA('one'), MEDIA('two'), MEDIA('three')]) });
      expect(parsed.rejected.some((row) => /already on line/.test(row.reason))).toBe(false);
    });

    it('removes the per-line quotes of multi-line commentary, keeping emoji, ZWJ sequences and math-bold letters', () => {
      expect(rows[0]!.commentary).toBe(
        '🌍 𝗩𝗶 𝘀𝗼̈𝗴𝗲𝗿 𝟰𝟬 𝗻𝘆𝗲 𝗸𝗼𝗹𝗹𝗲𝗴𝗲𝗿 i Aarhus!\n\nHos Nordlys Energi bygger vi fremtidens energisystem. 👩🏽‍🔧👨‍👩‍👧\nLæs mere: https://lnkd.in/eXaMpLe\n\n#grønomstilling #job',
      );
    });

    it('keeps the post’s own quote marks, even at the start of the first line and the end of the last', () => {
      expect(rows[2]!.commentary).toBe(
        '"Grøn strøm er billig strøm," sagde vores CEO i dag.\n"Vi er klar." Det er vi også!\nMin arbejdsgiver, Nordlys Energi, fortæller mere i linket: "Fremtiden"',
      );
    });

    it('leaves an unquoted single-line commentary as it is, and an empty one (a plain repost) null', () => {
      expect(rows[1]!.commentary).toBe('Vi søger en ny kollega i Aarhus! 👇 Del gerne');
      expect(rows[3]).toMatchObject({ commentary: null, shared_url: 'https://nordlys.dk/job/aarhus-40' });
    });

    it('reads Date as UTC, whatever the config’s time zone', () => {
      expect(rows[0]!.shared_at).toEqual(new Date('2025-09-01T07:30:12Z'));
    });

    it('reads "" as empty', () => {
      expect(rows[1]).toMatchObject({ shared_url: null, media_url: null, media_urls: null });
    });

    it('rejects the row whose date does not exist, naming line, field and reason', () => {
      expect(parsed.rejected).toEqual([
        expect.objectContaining({
          line: 18,
          field: 'shared_at',
          value: '2025-09-31 09:00:00',
          reason: `"2025-09-31 09:00:00" in Date is not a valid date in the column's format (YYYY-MM-DD, with an optional time such as 14:03)`,
        }),
      ]);
    });
  });

  describe('a 2021 Shares.csv (SharedURL/MediaURL casing, empty cells written as nothing)', () => {
    const { source, rows } = parse('A003/Shares.csv');

    it('is recognised and read', () => {
      expect(source).toBe('linkedin.member_shares');
      expect(rows).toEqual([
        expect.objectContaining({
          post_id: '6773000000000000001',
          commentary: 'Glad for at være startet hos Nordlys Energi!',
          shared_url: null,
          media_url: null,
        }),
        expect.objectContaining({
          post_id: '6788000000000000002',
          commentary: 'Første uge er gået.\n\nTak for en god modtagelse.',
          shared_url: 'https://nordlys.dk/om-os?utm_source=linkedin&utm_medium=social',
        }),
      ]);
    });
  });

  describe('unwrapCommentary', () => {
    it('undoes the exporter’s `"` + line break + `"` exactly', () => {
      expect(unwrapCommentary('first"\n""\n"second"\n"third')).toBe('first\n\nsecond\nthird');
      expect(unwrapCommentary('"Quoted" start"\n"end "quoted"')).toBe('"Quoted" start\nend "quoted"');
      expect(unwrapCommentary('a line with a lone quote"\n"""\n"after')).toBe('a line with a lone quote\n"\nafter');
      expect(unwrapCommentary('windows"\r\n"breaks')).toBe('windows\nbreaks');
    });

    it('leaves text alone when any line break is not wrapped (another scheme: the quotes cannot be told apart)', () => {
      expect(unwrapCommentary('plain first\n"quoted second"')).toBe('plain first\n"quoted second"');
      expect(unwrapCommentary('one line with "quotes"')).toBe('one line with "quotes"');
    });
  });
});
