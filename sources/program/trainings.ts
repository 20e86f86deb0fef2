import { defineAdapter } from '../adapter.ts';

/** Completed trainings: one row per ambassador, day and course (docs/formats.md#trainings). */
export const programTrainings = defineAdapter({
  name: 'program.trainings',
  platform: 'program',
  title: 'trainings',
  signature: ['ambassador_id', 'trained_on'],
  loader: 'papaparse',
  keepExtraColumns: true,
  naturalKey: ['ambassador_id', 'trained_on', 'course'],
  columns: [
    { name: 'ambassador_id', headers: ['ambassador_id'], type: 'text', required: true },
    { name: 'trained_on', headers: ['trained_on'], type: 'date', required: true },
    { name: 'course', headers: ['course'], type: 'text' },
  ],
});
