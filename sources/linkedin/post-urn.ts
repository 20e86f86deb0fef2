/**
 * A LinkedIn post's id as its links carry it. A post has several ids (its activity,
 * and the share or ugcPost it was made as), each a 19-digit number in a URN
 * (`urn:li:share:7345…`, URL-encoded in the data archive) or in the slug of a
 * `/posts/` URL (`…-ugcPost-7345…-AbCd`). The kind is kept beside the digits, because
 * an activity id and a share id of the same post are different numbers.
 */

export type LinkedInPostKind = 'share' | 'ugcPost' | 'activity';

export interface LinkedInPostRef {
  kind: LinkedInPostKind;
  /** The digits, as text: 19 digits do not fit a double. */
  id: string;
  /** `urn:li:<kind>:<id>`. */
  urn: string;
}

const KINDS: Record<string, LinkedInPostKind> = { share: 'share', ugcpost: 'ugcPost', activity: 'activity' };
const IN_URN = /urn:li:(share|ugcPost|activity):(\d{15,20})(?!\d)/i;
const IN_SLUG = /-(share|ugcPost|activity)-(\d{15,20})(?![\d])/i;
const ANY_URN = /urn:li:[A-Za-z]+:[\w-]+/;

/** The post a LinkedIn URL points at; null for links that carry no post id (articles under `/pulse/`, profiles). */
export function linkedinPostRef(url: string | null | undefined): LinkedInPostRef | null {
  if (!url) return null;
  const text = decodeUrl(url);
  const match = IN_URN.exec(text) ?? IN_SLUG.exec(text);
  if (!match) return null;
  const kind = KINDS[match[1]!.toLowerCase()]!;
  return { kind, id: match[2]!, urn: `urn:li:${kind}:${match[2]!}` };
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
