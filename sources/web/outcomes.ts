import { defineAdapter, rejectRow } from '../adapter.ts';
import { OUTCOME_KINDS } from '../../pipelines/config.ts';

/** Extra columns that would carry a person in clear text: dropped, never kept in `_extra`. */
const PERSONAL_EXTRA = /e-?mail|phone|mobile|telefon|address|adresse|^(?:first|last|full|fore|sur|given|family)?[\s_-]?name$|^navn$/i;

/**
 * The generic outcomes file (docs/formats.md#outcomes-file): one lead, conversion,
 * application or hire, for systems that have no adapter of their own. `email` is a lead's
 * or candidate's and is hashed with the salt (raw column `email_hash`); `value` may be
 * empty (the config's unit value applies). Extra columns are kept in `_extra`, except ones
 * that look like a person's name, e-mail, phone or address, and values holding an `@`.
 */
export const webOutcomes = defineAdapter({
  name: 'web.outcomes',
  platform: 'web',
  title: 'outcomes file',
  signature: ['outcome_id', 'kind', 'occurred_at'],
  loader: 'papaparse',
  keepExtraColumns: true,
  naturalKey: ['outcome_id'],
  columns: [
    { name: 'outcome_id', headers: ['outcome_id'], type: 'text', required: true },
    { name: 'kind', headers: ['kind'], type: 'text', required: true },
    { name: 'occurred_at', headers: ['occurred_at'], type: 'timestamp', required: true },
    { name: 'visitor_id', headers: ['visitor_id'], type: 'text' },
    { name: 'email_hash', headers: ['email', 'e-mail', 'email_address'], type: 'text', personal: true },
    { name: 'value', headers: ['value'], type: 'money', currency: 'currency' },
    { name: 'currency', headers: ['currency'], type: 'text' },
    { name: 'referrer', headers: ['referrer'], type: 'text' },
  ],
  transformRow(row) {
    const kind = String(row.kind).trim().toLowerCase();
    if (!(OUTCOME_KINDS as readonly string[]).includes(kind)) {
      return rejectRow(`kind must be one of ${OUTCOME_KINDS.join(', ')}`, 'kind', String(row.kind));
    }
    const currency = row.currency === null ? null : String(row.currency).trim().toUpperCase();
    if (currency !== null && !/^[A-Z]{3}$/.test(currency)) {
      return rejectRow('currency must be a three-letter code such as DKK, or empty', 'currency', String(row.currency));
    }
    return { ...row, kind, currency, _extra: withoutPersonalExtras(row._extra as string | null) };
  },
});

function withoutPersonalExtras(extra: string | null): string | null {
  if (extra === null) return null;
  const kept = Object.entries(JSON.parse(extra) as Record<string, string>).filter(
    ([label, value]) => !PERSONAL_EXTRA.test(label.trim()) && !value.includes('@'),
  );
  return kept.length > 0 ? JSON.stringify(Object.fromEntries(kept)) : null;
}
