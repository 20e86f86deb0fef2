import { quotedString } from '../../pipelines/warehouse.ts';
import { asciiCaseless } from '../read/read-csv-sql.ts';

/**
 * A LinkedIn post's id as its links carry it. A post has several ids (its activity,
 * and the share or ugcPost it was made as; a post in a group is a groupPost of the
 * group), each a 19-digit number in a URN (`urn:li:share:7345…`, URL-encoded in the
 * data archive), in the slug of a `/posts/` URL (`…-ugcPost-7345…-AbCd`) or in a
 * group's `/groups/<group>/posts/<id>` path. The kind is kept beside the digits, because
 * an activity id and a share id of the same post are different numbers.
 */

export type LinkedInPostKind = 'share' | 'ugcPost' | 'activity' | 'groupPost';

export interface LinkedInPostRef {
  kind: LinkedInPostKind;
  /** The digits, as text: 19 digits do not fit a double. */
  id: string;
  /** `urn:li:<kind>:<id>`; a group post's `urn:li:groupPost:<group>-<id>`. */
  urn: string;
}

const KINDS: Record<string, LinkedInPostKind> = { share: 'share', ugcpost: 'ugcPost', activity: 'activity' };
const IN_URN = /urn:li:(share|ugcPost|activity):(\d{15,20})(?!\d)/i;
const IN_SLUG = /-(share|ugcPost|activity)-(\d{15,20})(?![\d])/i;
const IN_GROUP_URN = /urn:li:groupPost:(\d+)-(\d{15,20})(?!\d)/i;
const IN_GROUP_PATH = /\/groups\/(\d+)\/posts\/(\d{15,20})(?!\d)/i;
const ANY_URN = /urn:li:[A-Za-z]+:[\w-]+/;
const LINKEDIN_HOST = /(^|\.)linkedin\.com$/i;

/** The post a LinkedIn URL points at; null for links that carry no post id (articles under `/pulse/`, profiles). */
export function linkedinPostRef(url: string | null | undefined): LinkedInPostRef | null {
  if (!url) return null;
  const text = decodeUrl(url);
  const group = IN_GROUP_URN.exec(text) ?? IN_GROUP_PATH.exec(text);
  if (group) return { kind: 'groupPost', id: group[2]!, urn: `urn:li:groupPost:${group[1]!}-${group[2]!}` };
  const match = IN_URN.exec(text) ?? IN_SLUG.exec(text);
  if (!match) return null;
  const kind = KINDS[match[1]!.toLowerCase()]!;
  return { kind, id: match[2]!, urn: `urn:li:${kind}:${match[2]!}` };
}

/**
 * One written form of a LinkedIn link, so that a post without an id (an article under
 * `/pulse/`) is the same post however it was copied: the `www.` host for every locale or
 * mobile host (`dk.`, `m.`), escapes decoded, and no query (`?utm_source=share&…`),
 * fragment or trailing slash. Other links are kept as written.
 */
export function linkedinPostUrl(url: string): string {
  const text = decodeUrl(url.trim());
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    return text;
  }
  if (!LINKEDIN_HOST.test(parsed.hostname)) return text;
  return `https://www.linkedin.com${decodeUrl(parsed.pathname.replace(/\/+$/, ''))}`;
}

/**
 * `linkedinPostRef(url).urn` in SQL, for an address without percent-escapes
 * (`linkedinPostSqlReadable`). RE2 has no look-ahead: a run of 15 to 20 digits ends
 * where a non-digit or the text does, which gives the same matches.
 */
export function linkedinPostUrnSql(url: string): string {
  const digits = '([0-9]{15,20})(?:[^0-9]|$)';
  const kinds = `(${['share', 'ugcPost', 'activity'].map(asciiCaseless).join('|')})`;
  const groupUrn = `${asciiCaseless('urn:li:groupPost:')}([0-9]+)-${digits}`;
  const groupPath = `/${asciiCaseless('groups')}/([0-9]+)/${asciiCaseless('posts')}/${digits}`;
  const inUrn = `${asciiCaseless('urn:li:')}${kinds}:${digits}`;
  const inSlug = `-${kinds}-${digits}`;
  const part = (pattern: string, group: number) => `regexp_extract(${url}, ${quotedString(pattern)}, ${group})`;
  const kind = (pattern: string) => `replace(lower(${part(pattern, 1)}), 'ugcpost', 'ugcPost')`;
  const matches = (pattern: string) => `regexp_matches(${url}, ${quotedString(pattern)})`;
  return `case
    ${[groupUrn, groupPath].map((pattern) => `when ${matches(pattern)} then 'urn:li:groupPost:' || ${part(pattern, 1)} || '-' || ${part(pattern, 2)}`).join('\n    ')}
    ${[inUrn, inSlug].map((pattern) => `when ${matches(pattern)} then 'urn:li:' || ${kind(pattern)} || ':' || ${part(pattern, 2)}`).join('\n    ')}
  end`;
}

/** `linkedinPostRef(url).id` in SQL, from the URN `linkedinPostUrnSql` gives: its last digits. */
export function linkedinPostIdSql(urn: string): string {
  return `regexp_extract(${urn}, '[0-9]+$')`;
}

/**
 * `linkedinPostUrl` in SQL, for an address URL's parser accepts (`parseWebAddress`) and
 * `linkedinPostSqlReadable` passes: with no escapes to decode, the parser's path is the
 * path as written (what it escapes, decoding gives back) once no `.` or `..` segment or
 * backslash is left for it to resolve.
 */
export function linkedinPostUrlSql(url: string): string {
  const host = `lower(regexp_extract(${url}, '^[^:]*://([^/?#]*)', 1))`;
  return `case when regexp_matches(${host}, ${quotedString(String.raw`(?:^|\.)linkedin\.com$`)}) then 'https://www.linkedin.com' || regexp_replace(${addressPath(url)}, '/+$', '') else ${url} end`;
}

/** True for an address the SQL twins above read as the JS does: no percent-escape, backslash or dot segment. */
export function linkedinPostSqlReadable(url: string): string {
  return `not (contains(${url}, '%') or contains(${url}, chr(92)) or regexp_matches(${addressPath(url)}, ${quotedString(String.raw`(?:^|/)\.\.?(?:/|$)`)}))`;
}

/** An address's path as written: from its host's end to its query or fragment. */
function addressPath(url: string): string {
  return `regexp_extract(${url}, '^[^:]*://[^/?#]*([^?#]*)', 1)`;
}

/**
 * The URN a link holds, whatever its kind (`urn:li:groupPost:9015002-7386…` too); for a
 * `/posts/` slug, the URN its id makes.
 */
export function linkedinUrn(url: string | null | undefined): string | null {
  if (!url) return null;
  const text = decodeUrl(url);
  return ANY_URN.exec(text)?.[0] ?? linkedinPostRef(text)?.urn ?? null;
}

/** A URL with its percent-escapes decoded (`urn%3Ali%3Ashare%3A…`); kept as written when it is not valid escaping. */
export function decodeUrl(url: string): string {
  try {
    return decodeURIComponent(url);
  } catch {
    return url;
  }
}
