/**
 * The cohort comparison in the program lead's report: a difference is clear only on the
 * mart's verdict (a permutation test, Holm-corrected), its p-value is given with its
 * Monte-Carlo error, Welch's p is a second opinion, and groups too few or too uniform to
 * compare are said so in words, in English and Danish.
 */
import { describe, expect, it } from 'vitest';
import { cohortComparisonFacts } from '../../../reports/charts/cohort-comparison.ts';
import { createFormat } from '../../../reports/format.ts';
import { cohortComparisonSentence, cohortComparisonTitle, pWithError } from '../../../reports/narrative/program.ts';
import { cohortComparisonTable } from '../../../reports/tables.ts';
import { cohortComparisonRows } from '../fixtures-more.ts';

const en = createFormat({ locale: 'en-GB' });
const da = createFormat({ locale: 'da-DK', language: 'da' });

describe('cohort comparison in the report', () => {
  it('says the permutation p-value with its Monte-Carlo error, Holm’s p beside it and Welch’s as a second opinion', () => {
    expect(pWithError(0.0493, 0.0022, en)).toBe('0.0493 ± 0.0022');
    expect(pWithError(0.0008, 0.00028, en)).toBe('0.00080 ± 0.00028');
    expect(pWithError(0.0493, 0.0022, da)).toBe('0,0493 ± 0,0022');
    const table = cohortComparisonTable(cohortComparisonRows(), en);
    expect(table.columns.map((column) => column.label)).toEqual([
      'By',
      'Metric',
      'Groups',
      'n',
      'Means',
      'Difference [95% interval]',
      'p (permutation)',
      'p (Holm)',
      'p (Welch, second opinion)',
      'Hedges’ g',
      'Verdict',
    ]);
    const pilot = table.rows.find((row) => row[2] === 'Pilot − Bølge 2')!;
    expect(pilot.slice(6, 9)).toEqual(['0.0120 ± 0.0011', '0.0300', '0.0100']);
  });

  it('names the higher group, and the pairs too few or too uniform to compare, in English and Danish', () => {
    const verdicts = (format: typeof en) => cohortComparisonTable(cohortComparisonRows(), format).rows.map((row) => [row[2], row.at(-1)]);
    expect(verdicts(en)).toEqual([
      ['Pilot − Bølge 2', 'higher in Pilot'],
      ['Pilot − Bølge 3', 'too few to compare'],
      ['leaders − staff', 'too uniform to compare'],
      ['trained − untrained', 'higher in trained'],
    ]);
    expect(verdicts(da)).toEqual([
      ['Pilot − Bølge 2', 'højere i Pilot'],
      ['Pilot − Bølge 3', 'for få til at sammenligne'],
      ['ledere − medarbejdere', 'for ens til at sammenligne'],
      ['trænede − ikke trænede', 'højere i trænede'],
    ]);
    const uniform = cohortComparisonTable(cohortComparisonRows(), en).rows.find((row) => row[2] === 'leaders − staff')!;
    expect(uniform.slice(5, 10)).toEqual(['–', '–', '–', '–', '–']);
    const facts = cohortComparisonFacts(cohortComparisonRows());
    expect(cohortComparisonTitle(facts, da)).toBe('2 af 5 sammenligninger viser en tydelig forskel; 2 har for få eller for ens værdier til at sammenligne');
    expect(cohortComparisonSentence(facts, en)).toBe(
      'The clearest: Pilot against Bølge 2 on posts per active week, a difference of 0.90 (95% interval 0.30 to 1.50, p 0.0120 ± 0.0011, Holm-adjusted 0.0300). ' +
        'A difference is clear when a permutation test finds it after the Holm correction for the 3 comparisons tested; Welch’s t-test is shown as a second opinion.',
    );
    expect(cohortComparisonSentence({ ...facts, clear: 0, strongest: null }, da)).toMatch(
      /^Ingen forskel mellem grupper er tydelig nok at handle på: ingen test finder en, eller en gruppe er for lille eller for ensartet/,
    );
  });
});
