import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestFiles } from '../../pipelines/ingest.ts';
import { memoryLogger } from '../../pipelines/log.ts';
import { tempFolder, testConfig, withWarehouse } from '../helpers/warehouse.ts';

/** Addresses that are no web page: a script, inline data, a local file, a relative path, a bare word. */
const NOT_WEB = [
  'javascript:alert(document.cookie)',
  ' JavaScript:alert(1)',
  'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  'file:///etc/passwd',
  'vbscript:msgbox(1)',
  '../admin',
  'www',
  'https://',
];

async function rejectedRows(files: Record<string, string>) {
  const folder = join(tempFolder(), 'inbox');
  mkdirSync(folder);
  const paths = Object.entries(files).map(([name, text]) => {
    writeFileSync(join(folder, name), text);
    return join(folder, name);
  });
  return withWarehouse(async (warehouse) => {
    const outcomes = await ingestFiles(warehouse, testConfig(), paths, { runId: null, log: memoryLogger() });
    expect(outcomes.map((outcome) => outcome.status)).toEqual(paths.map(() => 'loaded'));
    const rejected = await warehouse.all<{ file_name: string; line: number; field: string; value: string; reason: string }>(
      `select file_name, line, field, value, reason from meta.rejected_rows order by file_name, line`,
    );
    const kept = await warehouse.all<{ ambassador_id: string }>(
      `select ambassador_id from raw.program__ambassadors union all select ambassador_id from raw.program__share_log order by all`,
    );
    return { rejected, kept: kept.map((row) => row.ambassador_id) };
  });
}

describe('URL columns of the program files', () => {
  it('javascript: and other non-web URLs are rejected in the roster and the share log, naming the file, line and field', async () => {
    const roster = [
      'ambassador_id,name,email,department,location,title,is_leader,lead_id,cohort,joined_on,left_on,linkedin_url,linkedin_headline,utm_code',
      'A001,Søren Kjær,,Marketing,København,Specialist,true,,pilot,2026-05-01,,https://www.linkedin.com/in/sorenkj,,amb-7f3k2',
      'A002,Mette Lund,,Sales,Aarhus,Specialist,false,A001,pilot,2026-05-01,,,,amb-q81zd',
      ...NOT_WEB.map((url, index) => `B00${index},Person ${index},,Sales,Odense,Specialist,false,,wave-2,2026-06-01,,"${url}",,amb-b${index}`),
    ].join('\n');
    const shares = [
      'ambassador_id,platform,shared_at,content_id,post_url,post_text,tracked_url',
      'A001,linkedin,2026-09-01T09:15,C001,https://www.linkedin.com/feed/update/urn:li:activity:7371432206977761283/,Vi åbner 40 nye stillinger,https://nordlys.example/job?utm_source=linkedin&utm_content=amb-7f3k2',
      'A002,linkedin,2026-09-01T10:15,C001,javascript:alert(1),Del gerne,',
      'A002,facebook,2026-09-02T10:15,C001,,Del gerne,"data:text/html;base64,PHNjcmlwdD4="',
      'A002,facebook,2026-09-03T10:15,C001,,Del gerne,http://nordlys.example/job?utm_content=amb-q81zd',
    ].join('\n');
    const { rejected, kept } = await rejectedRows({ 'ambassadors.csv': `${roster}\n`, 'share_log.csv': `${shares}\n` });
    expect(kept).toEqual(['A001', 'A001', 'A002', 'A002']);
    expect(rejected.map(({ file_name, line, field, value }) => [file_name, line, field, value])).toEqual([
      ...NOT_WEB.map((url, index) => ['ambassadors.csv', 4 + index, 'linkedin_url', url.trim()]),
      ['share_log.csv', 3, 'post_url', 'javascript:alert(1)'],
      ['share_log.csv', 4, 'tracked_url', 'data:text/html;base64,PHNjcmlwdD4='],
    ]);
    expect(rejected[0]!.reason).toBe('"javascript:alert(document.cookie)" in linkedin_url is not a web address starting with https:// or http://');
  });

  it('the content catalogue reads its url the same way', async () => {
    const content = [
      'content_id,title,url,type',
      'C001,40 nye stillinger,https://nordlys.example/job,job_post',
      'C002,Klik her,javascript:alert(1),article',
    ].join('\n');
    const { rejected } = await rejectedRows({ 'content.csv': `${content}\n` });
    expect(rejected).toEqual([
      {
        file_name: 'content.csv',
        line: 3,
        field: 'url',
        value: 'javascript:alert(1)',
        reason: '"javascript:alert(1)" in url is not a web address starting with https:// or http://',
      },
    ]);
  });
});
