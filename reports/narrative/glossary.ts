/**
 * The glossary every report prints: one meaning per metric, as DESIGN.md defines them.
 */
import type { GlossaryEntry } from '../page.ts';

export const GLOSSARY: readonly GlossaryEntry[] = [
  {
    term: 'Impressions',
    definition: 'The times a post was shown, as the platform reports it (Meta’s newer “Views”). Not the number of people reached.',
  },
  {
    term: 'Sessions',
    definition:
      'Visits to the website as Google Analytics 4 counts them. “Sessions from ambassadors’ links” are those that arrived through a tracked link shared by an ambassador.',
  },
  {
    term: 'Active ambassador',
    definition: 'An enrolled ambassador who shared at least once in the period (or week); participation is active divided by enrolled.',
  },
  {
    term: 'Credited outcome',
    definition:
      'A lead, application, conversion or hire, and the share of it the attribution model gives an ambassador. Each outcome’s credit sums to exactly 1 across ambassadors and “other/unattributed”, so credited outcomes can be fractional.',
  },
  {
    term: 'Last-touch attribution',
    definition:
      'The default model: the whole credit for an outcome goes to the ambassador whose link the person visited last within the lookback window before the outcome; visits after the outcome never count.',
  },
  {
    term: 'ISO week',
    definition: 'Monday to Sunday, numbered as ISO 8601 does (2026-W19); the first week of a year is the one containing its first Thursday.',
  },
  {
    term: 'Goal status',
    definition:
      'Each goal’s cumulative actual against a straight-line pace from zero at the period’s start to the target at its end, as of the last day with data: on track, at risk or off track.',
  },
];
