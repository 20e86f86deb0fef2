import { quotedString } from '../../pipelines/warehouse.ts';
import { asciiCaseless, bound } from '../read/read-csv-sql.ts';

/**
 * Campaign tags read from a tracked link. Ambassador attribution lives in the link's
 * query string (`utm_content=<ambassador code>` by default), and several exports keep
 * only the URL: GA4's `Landing page + query string`, HubSpot's `First Page Seen`, a
 * Teamtailor job link. Values keep their case (GA4 and the links are case-sensitive);
 * staging normalises them.
 */

export const UTM_PARAMETERS = ['utm_source', 'utm_medium', 'utm_campaign', 'utm_content', 'utm_term'] as const;
export type UtmParameter = (typeof UTM_PARAMETERS)[number];
export type UtmTags = Record<UtmParameter, string | null>;

/** The derived columns `utmTags` fills, for an adapter's `derivedColumns`. */
export const UTM_DERIVED_COLUMNS = UTM_PARAMETERS.map((name) => ({ name, type: 'text' as const }));

/**
 * The query parameters of a URL or path (`/careers/?a=1`, `https://x.dk/p?a=1#top`),
 * names lower-cased, values decoded; the first of a repeated name wins. An
 * undecodable `%` sequence is kept as written rather than losing the value.
 */
export function queryParameters(url: string | null | undefined): Map<string, string> {
  const parameters = new Map<string, string>();
  if (!url) return parameters;
  const start = url.indexOf('?');
  if (start < 0) return parameters;
  const end = url.indexOf('#', start);
  const query = url.slice(start + 1, end < 0 ? undefined : end);
  for (const pair of query.split('&')) {
    if (pair === '') continue;
    const equals = pair.indexOf('=');
    const name = decode(equals < 0 ? pair : pair.slice(0, equals))
      .trim()
      .toLowerCase();
    const value = equals < 0 ? '' : decode(pair.slice(equals + 1));
    if (name !== '' && !parameters.has(name)) parameters.set(name, value);
  }
  return parameters;
}

function decode(text: string): string {
  const spaced = text.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}

/** `utm_source` … `utm_term` from a URL's query string; an absent or empty tag is null. */
export function utmTags(url: string | null | undefined): UtmTags {
  const parameters = queryParameters(url);
  const tags = {} as UtmTags;
  for (const name of UTM_PARAMETERS) {
    const value = parameters.get(name)?.trim();
    tags[name] = value ? value : null;
  }
  return tags;
}

/**
 * `utmTags` in SQL, for an address without percent-escapes (`utmTagsSqlReadable`), where
 * decoding is `+` for a space: of the query's `&`-separated pairs, the first whose name
 * is the tag's, without regard to the case of its ASCII letters (no other letter
 * lower-cases to one of a tag's), gives its value, trimmed; null when it is empty.
 */
export function utmTagsSql(url: string): Record<UtmParameter, string> {
  const pairs = `string_split(regexp_extract(${url}, '\\?([^#]*)', 1), '&')`;
  const spaced = (text: string) => `trim(replace(${text}, '+', ' '))`;
  return Object.fromEntries(
    UTM_PARAMETERS.map((name) => {
      const pair = `list_filter(${pairs}, _pair -> regexp_full_match(${spaced(`split_part(_pair, '=', 1)`)}, ${quotedString(asciiCaseless(name))}))[1]`;
      return [name, bound(pair, '_tag', `case when contains(_tag, '=') then nullif(${spaced(`substr(_tag, strpos(_tag, '=') + 1)`)}, '') end`)];
    }),
  ) as Record<UtmParameter, string>;
}

/** True for an address whose tags `utmTagsSql` reads as `utmTags` does: one without percent-escapes. */
export function utmTagsSqlReadable(url: string): string {
  return `not contains(${url}, '%')`;
}

/** Whether the URL carries an ad-click id (`fbclid` from Facebook, `gclid` from Google Ads). */
export function clickIds(url: string | null | undefined): { has_fbclid: boolean; has_gclid: boolean } {
  const parameters = queryParameters(url);
  return { has_fbclid: parameters.has('fbclid'), has_gclid: parameters.has('gclid') };
}

/** The URL without its query string and fragment: the page itself. */
export function pagePath(url: string | null | undefined): string | null {
  if (!url) return null;
  const cut = url.search(/[?#]/);
  return cut < 0 ? url : url.slice(0, cut);
}

const PERSONAL_PARAMETER = /^(e-?mail|email_?address|mail|name|first_?name|last_?name|firstname|lastname|full_?name|phone|tel|mobile)$/i;

/**
 * The URL with the values of parameters that carry a person masked: a form that
 * redirects with `?email=jane@x.dk&firstname=Jane` leaves the lead's details in
 * HubSpot's `First Page Seen`. Masks any value holding an `@`, and values of
 * parameters named like e-mail, name or phone. Other parameters are left byte for byte.
 */
export function maskPersonalParameters(url: string | null): string | null {
  if (!url) return url;
  const start = url.indexOf('?');
  if (start < 0) return url;
  const hash = url.indexOf('#', start);
  const end = hash < 0 ? url.length : hash;
  const pairs = url
    .slice(start + 1, end)
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      if (equals < 0) return pair;
      const name = decode(pair.slice(0, equals)).trim();
      const value = decode(pair.slice(equals + 1));
      return PERSONAL_PARAMETER.test(name) || value.includes('@') ? `${pair.slice(0, equals)}=redacted` : pair;
    });
  return `${url.slice(0, start + 1)}${pairs.join('&')}${url.slice(end)}`;
}
