/**
 * Stable pseudonyms for ambassadors (config `report.anonymise`): "Ambassador 7F3K" from a
 * keyed hash of the ambassador_id, the same in every run with the same salt, so a reader
 * can follow one person across charts and reports without learning who it is; and, with
 * or without them, the report's word for an ambassador who opted out of being named. Pure.
 */
import { createHash, createHmac } from 'node:crypto';
import type { Language } from './format.ts';
import { OPTED_OUT_NAME, text } from './i18n.ts';

/** Crockford's base 32: no I, L, O or U, so codes read unambiguously. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** The code for an ambassador: 4 base-32 characters of HMAC-SHA256(salt, id) (of SHA-256(id) without a salt). */
export function pseudonymCode(ambassadorId: string, salt: string | null = null, length = 4): string {
  const digest = salt ? createHmac('sha256', salt).update(ambassadorId).digest() : createHash('sha256').update(ambassadorId).digest();
  let code = '';
  for (let index = 0; index < length; index += 1) code += ALPHABET[(digest[index] ?? 0) % 32];
  return code;
}

/** `Ambassador 7F3K`, `Ambassadør 7F3K`. */
export function pseudonym(ambassadorId: string, language: Language = 'en', salt: string | null = null): string {
  return `${language === 'da' ? 'Ambassadør' : 'Ambassador'} ${pseudonymCode(ambassadorId, salt)}`;
}

/** A row as a report shows it: its display_name, if it has one, is a name to print. */
export type Shown<T> = T extends { display_name: string | null } ? T & { display_name: string } : T;

export interface Anonymiser {
  readonly enabled: boolean;
  /** What the report calls an ambassador who opted out of being named: `Anonymous`, `Anonym`. */
  readonly optedOutName: string;
  /** The name to show for an ambassador. */
  name(ambassadorId: string | null, name: string | null): string | null;
  /** The id to show (the code when anonymised). */
  id(ambassadorId: string | null): string | null;
  /** The pseudonym for a code `id()` returned: `Ambassador 7F3K`. */
  label(code: string): string;
  /**
   * Rows as the report shows them: the display_name of an ambassador who opted out
   * (is_opted_out) is the report's word for anonymous. Anonymised, the personal columns
   * are replaced too: ambassador_id, lead_id, ambassador_name, the other display names;
   * post URLs and post text, which name the person, become null.
   */
  rows<T extends object>(rows: readonly T[]): Shown<T>[];
}

function isOptedOut(row: Record<string, unknown>): boolean {
  return 'display_name' in row && row.is_opted_out === true;
}

const URL_OR_TEXT_COLUMNS = ['post_url', 'last_non_compliant_post_url', 'post_text', 'evidence'];

export function createAnonymiser(options: { enabled: boolean; language?: Language; salt?: string | null }): Anonymiser {
  const language = options.language ?? 'en';
  const salt = options.salt ?? null;
  const optedOutName = text(OPTED_OUT_NAME, language);
  if (!options.enabled) {
    return {
      enabled: false,
      optedOutName,
      name: (_id, name) => name,
      id: (id) => id,
      label: (code) => code,
      rows: <T extends object>(rows: readonly T[]) =>
        rows.map((row) => (isOptedOut(row as Record<string, unknown>) ? { ...row, display_name: optedOutName } : row) as Shown<T>),
    };
  }
  const id = (value: string | null) => (value === null ? null : pseudonymCode(value, salt));
  const name = (ambassadorId: string | null, shown: string | null) => (ambassadorId === null ? shown : pseudonym(ambassadorId, language, salt));
  return {
    enabled: true,
    optedOutName,
    id,
    name,
    label: (code) => `${language === 'da' ? 'Ambassadør' : 'Ambassador'} ${code}`,
    rows<T extends object>(rows: readonly T[]): Shown<T>[] {
      return rows.map((row) => {
        const source = row as Record<string, unknown>;
        const copy: Record<string, unknown> = { ...source };
        const ambassador = typeof source.ambassador_id === 'string' ? source.ambassador_id : null;
        if ('ambassador_name' in copy) copy.ambassador_name = name(ambassador, (source.ambassador_name as string | null) ?? null);
        if ('display_name' in copy) copy.display_name = isOptedOut(source) ? optedOutName : name(ambassador, (source.display_name as string | null) ?? null);
        if ('ambassador_id' in copy) copy.ambassador_id = id(ambassador);
        for (const column of ['lead_id', 'leader_id'])
          if (column in copy) copy[column] = id(typeof source[column] === 'string' ? (source[column] as string) : null);
        for (const column of ['leader_name', 'name']) if (column in copy) copy[column] = null;
        for (const column of URL_OR_TEXT_COLUMNS) if (column in copy) copy[column] = null;
        return copy as Shown<T>;
      });
    },
  };
}
