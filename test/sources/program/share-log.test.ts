import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { detectAdapter } from '../../../sources/index.ts';
import { parseFile } from '../../../sources/parse.ts';

const FIXTURES = new URL('../../../fixtures/exports/program/', import.meta.url);
const OPTIONS = { folderName: 'inbox', timezone: 'Europe/Copenhagen', locale: 'da-DK', salt: 'test-salt-1234' };

function parse(fileName: string, bytes: Uint8Array = readFileSync(new URL(fileName, FIXTURES))) {
  const adapter = detectAdapter(bytes, fileName);
  return { source: adapter.name, parsed: parseFile(bytes, adapter, { ...OPTIONS, fileName }) };
}

describe('sources/program/share-log', () => {
  const { source, parsed } = parse('share_log.csv');
  const rows = parsed.rows.map((row) => row.values);

  it('is recognised as program.share_log', () => {
    expect(source).toBe('program.share_log');
  });

  it('reads each share, with a multi-line post text and the platform in lower case', () => {
    expect(parsed.rows.map((row) => row.line)).toEqual([2, 4, 5, 7, 8]);
    expect(rows[0]).toMatchObject({
      ambassador_id: 'A001',
      platform: 'linkedin',
      content_id: 'C001',
      post_text: 'Vi åbner 40 nye stillinger hos Nordlys Energi i Aarhus! 🎉\nDel gerne.',
    });
    expect(rows[1]).toMatchObject({ ambassador_id: 'A002', platform: 'linkedin' });
  });

  it('reads shared_at as ISO 8601: without a zone in the config’s time zone, with an offset as written', () => {
    expect(rows.map((row) => row.shared_at)).toEqual([
      new Date('2026-09-01T07:15:00Z'),
      new Date('2026-09-02T10:30:00Z'),
      new Date('2026-09-03T16:00:00Z'),
      new Date('2026-09-05T05:45:00Z'),
      new Date('2026-09-05T05:45:00Z'),
    ]);
  });

  it('parses the tracked URL’s utm parameters into columns, decoded and as written', () => {
    expect(rows.map((row) => [row.utm_source, row.utm_medium, row.utm_campaign, row.utm_content, row.utm_term])).toEqual([
      ['linkedin', 'employee_advocacy', 'job-aarhus', 'amb-7f3k2', null],
      ['linkedin', 'employee_advocacy', 'varmepumper', 'amb-q81zd', null],
      ['facebook', 'employee_advocacy', 'varmepumper', 'AMB-Q81ZD', null],
      ['linkedin', null, 'Timelapse Sept', 'amb-7f3k2', null],
      [null, null, null, null, null],
    ]);
  });

  it('takes the post id from a LinkedIn post URL', () => {
    expect(rows.map((row) => row.post_id)).toEqual(['7371432206977761283', '7376200661669072897', null, null, null]);
  });

  it('keeps the id’s kind in post_urn and writes a LinkedIn post URL one way (one post, one key), a Facebook one as written', () => {
    expect(rows.map((row) => row.post_urn)).toEqual(['urn:li:share:7371432206977761283', 'urn:li:activity:7376200661669072897', null, null, null]);
    expect(rows.slice(0, 3).map((row) => row.post_url)).toEqual([
      'https://www.linkedin.com/posts/sorenkj_job-aarhus-share-7371432206977761283-Ab3x',
      'https://www.linkedin.com/feed/update/urn:li:activity:7376200661669072897',
      'https://www.facebook.com/ase.molgaard/posts/pfbid02xYz',
    ]);
  });

  it('keeps the Windows-1252 punctuation of a share log saved by Danish Excel', () => {
    const text = 'ambassador_id,platform,shared_at,post_text\nA001,linkedin,2026-09-01T09:00,"Pris: 100 € – „gode“ ‘tilbud’ … ™ • på Æbleø"\n';
    const bytes = iconv.encode(text, 'windows-1252');
    expect(bytes.includes(0x80)).toBe(true);
    const { parsed } = parse('share_log.csv', bytes);
    expect(parsed.rows.map((row) => row.values.post_text)).toEqual(['Pris: 100 € – „gode“ ‘tilbud’ … ™ • på Æbleø']);
  });

  it('rejects a platform other than linkedin and facebook', () => {
    expect(parsed.rejected).toEqual([
      expect.objectContaining({ line: 6, field: 'platform', value: 'twitter', reason: 'platform must be one of linkedin, facebook' }),
    ]);
  });

  it('rejects a row without shared_at, and a second share at the same moment', () => {
    const bytes = new TextEncoder().encode(
      'ambassador_id,platform,shared_at\nA001,linkedin,2026-09-01T09:00\nA001,linkedin,\nA001,linkedin,2026-09-01 09:00:00\n',
    );
    expect(parse('share_log.csv', bytes).parsed.rejected.map(({ line, field, reason }) => ({ line, field, reason }))).toEqual([
      { line: 3, field: 'shared_at', reason: 'shared_at is empty, and every row needs it' },
      {
        line: 4,
        field: 'ambassador_id, platform, shared_at',
        reason: 'the same ambassador_id + platform + shared_at is already on line 2 of this file; the first one is kept',
      },
    ]);
  });
});
