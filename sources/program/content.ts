import { defineAdapter, rejectRow } from '../adapter.ts';

export const CONTENT_TYPES = ['article', 'infographic', 'video', 'podcast', 'job_post', 'news', 'employee_story', 'report'] as const;
export const CONTENT_ORIGINS = ['hub', 'employee'] as const;

/** The content catalogue: one row per hub or employee-made item (docs/formats.md#content-catalogue). */
export const programContent = defineAdapter({
  name: 'program.content',
  platform: 'program',
  title: 'content catalogue',
  signature: ['content_id', 'title', 'url', 'type'],
  loader: 'papaparse',
  keepExtraColumns: true,
  naturalKey: ['content_id'],
  columns: [
    { name: 'content_id', headers: ['content_id'], type: 'text', required: true },
    { name: 'title', headers: ['title'], type: 'text', required: true },
    { name: 'url', headers: ['url'], type: 'url', required: true },
    { name: 'type', headers: ['type'], type: 'text', required: true },
    { name: 'origin', headers: ['origin'], type: 'text' },
    { name: 'published_on', headers: ['published_on'], type: 'date' },
  ],
  transformRow(row) {
    const type = String(row.type)
      .toLowerCase()
      .replace(/[\s-]+/g, '_');
    if (!(CONTENT_TYPES as readonly string[]).includes(type)) {
      return rejectRow(`type must be one of ${CONTENT_TYPES.join(', ')}`, 'type', String(row.type));
    }
    const origin = row.origin === null ? null : String(row.origin).toLowerCase();
    if (origin !== null && !(CONTENT_ORIGINS as readonly string[]).includes(origin)) {
      return rejectRow(`origin must be one of ${CONTENT_ORIGINS.join(', ')}, or empty`, 'origin', String(row.origin));
    }
    return { ...row, type, origin };
  },
});
