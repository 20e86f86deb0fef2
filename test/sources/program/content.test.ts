import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectAdapter } from '../../../sources/index.ts';
import { parseFile } from '../../../sources/parse.ts';

const FIXTURES = new URL('../../../fixtures/exports/program/', import.meta.url);
const OPTIONS = { folderName: 'inbox', timezone: 'Europe/Copenhagen', locale: 'da-DK', salt: 'test-salt-1234' };
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

function parse(fileName: string, bytes: Uint8Array = readFileSync(new URL(fileName, FIXTURES))) {
  const adapter = detectAdapter(bytes, fileName);
  return { source: adapter.name, parsed: parseFile(bytes, adapter, { ...OPTIONS, fileName }) };
}

describe('sources/program/content', () => {
  const { source, parsed } = parse('content.csv');
  const rows = parsed.rows.map((row) => row.values);

  it('is recognised as program.content', () => {
    expect(source).toBe('program.content');
  });

  it('reads items, writing type and origin the canonical way (`Job Post` → job_post, `HUB` → hub)', () => {
    expect(rows[0]).toEqual({
      content_id: 'C001',
      title: 'Vi åbner 40 nye stillinger i Aarhus',
      url: 'https://nordlys.dk/job/aarhus-40',
      type: 'job_post',
      origin: 'hub',
      published_on: day('2026-09-01'),
      _extra: '{"tags":"job,aarhus"}',
    });
    expect(rows.find((row) => row.content_id === 'C005')).toMatchObject({ type: 'report', origin: 'hub' });
    expect(rows.find((row) => row.content_id === 'C009')).toMatchObject({ origin: null });
  });

  it('rejects a type outside the list and a url that is not a full address', () => {
    expect(parsed.rejected.map(({ line, field, value, reason }) => ({ line, field, value, reason }))).toEqual([
      { line: 7, field: 'type', value: 'meme', reason: 'type must be one of article, infographic, video, podcast, job_post, news, employee_story, report' },
      {
        line: 8,
        field: 'url',
        value: 'nordlys.dk/nyhedsbrev',
        reason: '"nordlys.dk/nyhedsbrev" in url is not a web address starting with https:// or http://',
      },
    ]);
  });

  it('rejects an origin outside hub and employee', () => {
    const bytes = new TextEncoder().encode('content_id,title,url,type,origin\nC1,A,https://nordlys.dk/a,article,partner\n');
    expect(parse('content.csv', bytes).parsed.rejected).toEqual([
      expect.objectContaining({ line: 2, field: 'origin', value: 'partner', reason: 'origin must be one of hub, employee, or empty' }),
    ]);
  });
});
