/**
 * marts.figures: every figure the reports state, one row each, as `models/metrics/figures.ts`
 * defines it: its id, English label, value, unit, period, definition and the mart row it
 * is read from. The reports, `figures.csv` and `advocacy explain` read their numbers here.
 */
import { FIGURES, figuresTableQuery } from '../metrics/figures.ts';
import type { TsModelDefinition } from '../runner.ts';

export const model: TsModelDefinition = {
  grain: 'one row per figure the reports state, over the program to date',
  key: ['figure_id'],
  dependsOn: [...new Set(FIGURES.map((figure) => figure.source.mart))],
  tests: [{ kind: 'not_null', column: 'label' }],
  async build({ warehouse }, table) {
    await warehouse.run(`create or replace table ${table.qualified} as\n${figuresTableQuery()}\norder by position`);
  },
};
