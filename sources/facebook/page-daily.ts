/**
 * Meta Business Suite Page-level daily exports (`Follows (1).csv`, `Views (1).csv`;
 * docs/formats.md#facebook-page-daily): UTF-16 LE, line 1 `sep=,`, line 2 the metric's name
 * (`"Facebook follows"`), line 3 `"Date","Primary"`, then `"2025-08-01T00:00:00","20"`. The
 * shared decoder reads the encoding and the `sep=` line; the metric name becomes the
 * derived column `metric` (from the file name when line 2 is missing). `Audience.csv` ends
 * with a daily series under this same header, below its demographic blocks; it is its own
 * format (`page-audience.ts`), which reads that series too.
 */
import { defineAdapter, type FileContext, type FileFacts } from '../adapter.ts';

export const facebookPageDaily = defineAdapter({
  name: 'facebook.page_daily',
  platform: 'facebook',
  title: 'Meta Business Suite Page daily metric export',
  signature: ['Date', 'Primary'],
  loader: 'papaparse',
  naturalKey: ['metric', 'activity_on'],
  columns: [
    { name: 'activity_on', headers: ['Date'], type: 'date', required: true },
    { name: 'value', headers: ['Primary'], type: 'number' },
  ],
  derivedColumns: [{ name: 'metric', type: 'text' }],
  fileFacts: pageDailyFacts,
});

function pageDailyFacts(file: FileContext): FileFacts {
  const line = file.preamble.map((text) => text.replace(/^"|"$/g, '').trim()).find((text) => text !== '');
  const fromName = file.fileName
    .replace(/\.[^.]+$/, '')
    .replace(/\s*\(\d+\)$/, '')
    .trim();
  return { values: { metric: line ?? (fromName === '' ? null : fromName) } };
}
