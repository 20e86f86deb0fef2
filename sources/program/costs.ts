import { defineAdapter, rejectRow } from '../adapter.ts';

export const COST_CATEGORIES = ['platform', 'training', 'rewards', 'content', 'time', 'other'] as const;

/**
 * The program's costs: one row per cost line over a period, for the whole program or
 * one ambassador (docs/formats.md#costs). Amounts may be written the Danish way
 * (`kr. 12.500,50`, `1250,5`) or the English way (`12,500.50`, `DKK 1250.5`), by the
 * rule for money (`sources/read/money.ts`): the file's decimal mark decides `12.500`,
 * a currency beside the amount must be the line's, and an estimate is rejected. The
 * amount as written is kept beside the amount read.
 */
export const programCosts = defineAdapter({
  name: 'program.costs',
  platform: 'program',
  title: 'program costs',
  signature: ['period_start', 'period_end', 'category', 'amount'],
  loader: 'papaparse',
  keepExtraColumns: true,
  naturalKey: ['period_start', 'period_end', 'category', 'ambassador_id', 'note'],
  columns: [
    { name: 'period_start', headers: ['period_start'], type: 'date', required: true },
    { name: 'period_end', headers: ['period_end'], type: 'date', required: true },
    { name: 'category', headers: ['category'], type: 'text', required: true },
    { name: 'amount_as_written', headers: ['amount'], type: 'text', required: true },
    { name: 'currency', headers: ['currency'], type: 'text' },
    { name: 'ambassador_id', headers: ['ambassador_id'], type: 'text' },
    { name: 'note', headers: ['note'], type: 'text' },
    // Kept last: rows land by column position, and raw tables already made have the amount here.
    { name: 'amount', headers: ['amount'], type: 'money', required: true, currency: 'currency' },
  ],
  transformRow(row) {
    const category = String(row.category).toLowerCase();
    if (!(COST_CATEGORIES as readonly string[]).includes(category)) {
      return rejectRow(`category must be one of ${COST_CATEGORIES.join(', ')}`, 'category', String(row.category));
    }
    if ((row.period_end as Date) < (row.period_start as Date)) {
      return rejectRow('period_end is before period_start; swap or correct the dates', 'period_end', (row.period_end as Date).toISOString().slice(0, 10));
    }
    const currency = row.currency === null ? null : String(row.currency).toUpperCase();
    if (currency !== null && !/^[A-Z]{3}$/.test(currency)) {
      return rejectRow('currency must be a three-letter code such as DKK, or empty', 'currency', String(row.currency));
    }
    return { ...row, category, currency };
  },
});
