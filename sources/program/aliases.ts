import { defineAdapter } from '../adapter.ts';

/**
 * Other ways an ambassador shows up in exports (docs/formats.md#aliases): a profile name as
 * a LinkedIn file name spells it, a Facebook name, a referral code, an e-mail, a
 * LinkedIn vanity URL. One row per (ambassador, alias); an alias given to two
 * ambassadors is loaded as written and flagged where aliases are resolved.
 */
export const programAliases = defineAdapter({
  name: 'program.aliases',
  platform: 'program',
  title: 'ambassador aliases',
  signature: ['ambassador_id', 'alias'],
  loader: 'papaparse',
  keepExtraColumns: true,
  naturalKey: ['ambassador_id', 'alias'],
  columns: [
    { name: 'ambassador_id', headers: ['ambassador_id'], type: 'text', required: true },
    { name: 'alias', headers: ['alias'], type: 'text', required: true },
  ],
  transformRow(row) {
    // Inner runs of spaces are not part of a name; case is kept here and folded in staging.
    return { ...row, alias: String(row.alias).replace(/\s+/g, ' ') };
  },
});
