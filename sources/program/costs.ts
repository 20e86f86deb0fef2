import { defineAdapter, rejectRow } from '../adapter.ts';
import { parseNumber } from '../read/values.ts';

export const COST_CATEGORIES = ['platform', 'training', 'rewards', 'content', 'time', 'other'] as const;

/** One separator followed by exactly three digits: `12.500` is 12500 to a Dane and 12.5 to an English reader. */
const AMBIGUOUS = /^[+-]?\d{1,3}[.,]\d{3}$/;

/**
 * The program's costs: one row per cost line over a period, for the whole program or
 * one ambassador (FORMATS.md section 6). Amounts may be written the Danish way
 * (`12.500,50`, `1250,5`) or the English way (`12,500.50`, `1250.5`); each value is
 * read on its own. A value that reads both ways (`12.500`, `1,500`) is rejected rather
 * than guessed, since a wrong guess is a factor of 1000 in the ROI. The amount as
 * written is kept beside the number.
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
  ],
  derivedColumns: [{ name: 'amount', type: 'number' }],
  transformRow(row) {
    const category = String(row.category).toLowerCase();
    if (!(COST_CATEGORIES as readonly string[]).includes(category)) {
      return rejectRow(`category must be one of ${COST_CATEGORIES.join(', ')}`, 'category', String(row.category));
    }
    if ((row.period_end as Date) < (row.period_start as Date)) {
      return rejectRow('period_end is before period_start; swap or correct the dates', 'period_end', (row.period_end as Date).toISOString().slice(0, 10));
    }
    const written = String(row.amount_as_written);
    const compact = written.replace(/[\s\u00a0\u202f]/g, '');
    if (AMBIGUOUS.test(compact)) {
      const [whole, part] = compact.split(/[.,]/) as [string, string];
      const decimal = String(Number(`${whole}.${part}`));
      return rejectRow(
        `amount "${written}" can mean ${whole}${part} or ${decimal}; write it without a thousands separator (${whole}${part}), or with fewer than three decimals (${decimal.replace('.', ',')} or ${decimal})`,
        'amount',
        written,
      );
    }
    const amount = parseNumber(written);
    if (amount === null) return rejectRow(`"${written}" in amount is not a number`, 'amount', written);
    const currency = row.currency === null ? null : String(row.currency).toUpperCase();
    if (currency !== null && !/^[A-Z]{3}$/.test(currency)) {
      return rejectRow('currency must be a three-letter code such as DKK, or empty', 'currency', String(row.currency));
    }
    return { ...row, category, amount, currency };
  },
});
