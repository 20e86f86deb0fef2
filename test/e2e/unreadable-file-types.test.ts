/**
 * Files a person drops into the inbox that are not exports the pipeline can read (an
 * Apple Numbers sheet, a PDF of a report, a screenshot) fail with one sentence naming
 * what the file is and what to export instead.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../../pipelines/errors.ts';
import { ingestFile } from '../../pipelines/ingest.ts';
import { memoryLogger } from '../../pipelines/log.ts';
import { zipOf } from '../helpers/hostile-files.ts';
import { tempFolder, testConfig, withWarehouse } from '../helpers/warehouse.ts';
import { ADVOCACY } from '../helpers/cli.ts';

// An iWork document is a ZIP of Index/*.iwa, Metadata/ and a preview.
const NUMBERS = zipOf({
  'Index/Document.iwa': Buffer.from([0x00, 0x9a, 0x02, 0x00, ...Array.from({ length: 300 }, (_, index) => index % 256)]),
  'Index/Metadata.iwa': Buffer.from([0x00, 0x10, 0x00, 0x00, 0x08, 0x01]),
  'Metadata/DocumentIdentifier': Buffer.from('5D1C2B7A-1F0E-4E55-9E0B-3C9B6F2A1D44'),
  'preview.jpg': Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
});

const FILES: { name: string; bytes: Buffer; message: RegExp }[] = [
  {
    name: 'Ambassadors.numbers',
    bytes: NUMBERS,
    message:
      /^Ambassadors\.numbers is an Apple Numbers file, which the pipeline cannot read; in Numbers choose File > Export To > CSV \(or Excel\) and drop the exported file into the inbox\.$/,
  },
  {
    name: 'linkedin-report.pdf',
    bytes: Buffer.concat([Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n', 'latin1'), Buffer.alloc(64)]),
    message:
      /^linkedin-report\.pdf is a PDF, whose tables the pipeline cannot read; download the report's data as CSV or Excel from the platform it came from and drop that file into the inbox\.$/,
  },
  {
    name: 'Skærmbillede 2026-10-02.png',
    bytes: Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('\x00\x00\x00\rIHDR', 'latin1'), Buffer.alloc(64, 7)]),
    message:
      /^Skærmbillede 2026-10-02\.png is an image \(PNG\), not an export; download the data as CSV or Excel from the platform and drop that file into the inbox\.$/,
  },
  {
    name: 'IMG_0412.HEIC',
    bytes: Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypheic\x00\x00\x00\x00mif1heic', 'latin1'), Buffer.alloc(64, 3)]),
    message: /^IMG_0412\.HEIC is an image \(HEIC\), not an export; download the data as CSV or Excel from the platform and drop that file into the inbox\.$/,
  },
  {
    name: 'posts.jpg',
    bytes: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\x00', 'latin1'), Buffer.alloc(64, 1)]),
    message: /^posts\.jpg is an image \(JPEG\), not an export; download the data as CSV or Excel from the platform and drop that file into the inbox\.$/,
  },
];

describe('file types the pipeline cannot read', () => {
  it.each(FILES)('file types: $name gets one sentence naming its type and what to export instead', async ({ name, bytes, message }) => {
    const folder = tempFolder('advocacy-file-types-');
    writeFileSync(join(folder, name), bytes);
    await withWarehouse(async (warehouse) => {
      const outcome = await ingestFile(warehouse, testConfig(), join(folder, name), { runId: null, log: memoryLogger() });
      expect(outcome).toMatchObject({ status: 'failed', message: expect.stringMatching(message) });
    });
  });

  it('file types: a .numbers file prints nothing on stderr with -q but its one sentence', () => {
    const cwd = tempFolder('advocacy-file-types-');
    writeFileSync(join(cwd, 'advocacy.config.yaml'), 'company:\n  name: Nordlys Energi A/S\nsalt: file-type-test-salt\n');
    writeFileSync(join(cwd, 'Ambassadors.numbers'), NUMBERS);
    const result = spawnSync(process.execPath, [ADVOCACY, 'ingest', 'Ambassadors.numbers', '-q'], { cwd, encoding: 'utf8' });
    expect(result.status).toBe(ExitCode.badInput);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^error: Ambassadors\.numbers is an Apple Numbers file, which the pipeline cannot read; [^\n]*\n$/);
  });
});
