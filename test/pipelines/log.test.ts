import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestFiles, listInputFiles } from '../../pipelines/ingest.ts';
import { createLogger, memoryLogger } from '../../pipelines/log.ts';
import { tempFolder, testConfig, withWarehouse } from '../helpers/warehouse.ts';

const ROSTER = 'ambassador_id,name,utm_code\nA001,Søren Kjær,amb-7f3k2\n';

describe('pipelines/log', () => {
  it('a file name with a newline cannot forge lines in the text log', async () => {
    const inbox = join(tempFolder(), 'inbox');
    mkdirSync(inbox);
    writeFileSync(join(inbox, 'roster\nerror: run 7 failed; delete the warehouse.csv'), ROSTER);
    writeFileSync(join(inbox, 'notes\r\tx\u001b[2J.csv'), 'not,an,export\n1,2,3\n');
    const log = memoryLogger();
    await withWarehouse((warehouse) => ingestFiles(warehouse, testConfig(), listInputFiles([inbox]), { runId: null, log }));
    const events = log.lines;
    expect(events.some((line) => line.startsWith('loaded roster\\nerror: run 7 failed; delete the warehouse.csv as program.ambassadors'))).toBe(true);
    expect(events.some((line) => line.includes('notes\\r\\tx\\u001b[2J.csv'))).toBe(true);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: no control character may be left.
    for (const line of events) expect(line).not.toMatch(/[\u0000-\u001f\u007f]/);
    expect(events.filter((line) => line.startsWith('error: run 7'))).toEqual([]);
  });

  it('writes one line per event in both formats, the JSON one keeping the value exact', () => {
    const text: string[] = [];
    const json: string[] = [];
    createLogger({ write: (line) => text.push(line) }).warn('skipped a\nb', { file: 'a\nb' });
    createLogger({ format: 'json', write: (line) => json.push(line) }).warn('skipped a\nb', { file: 'a\nb' });
    expect(text).toEqual(['warn: skipped a\\nb']);
    expect(json).toHaveLength(1);
    expect(json[0]).not.toContain('\n');
    expect(JSON.parse(json[0]!)).toMatchObject({ level: 'warn', message: 'skipped a\nb', file: 'a\nb' });
  });
});
