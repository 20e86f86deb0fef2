/**
 * The documents the code and the docs point at, kept honest: every `docs/<file>.md#<anchor>`
 * a source, test, fixture or doc names must be a file of the repository with a heading
 * that GitHub gives that anchor, and nothing may cite a document the repository does not
 * hold. In code and plain text a reference names the repository's file whatever folder it
 * is written in; a Markdown link is resolved from its own file's folder, as GitHub does.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const REPOSITORY = join(import.meta.dirname, '..');
const SCANNED_FOLDERS = ['sources', 'pipelines', 'models', 'reports', 'test', 'fixtures', 'docs'];
const SCANNED_EXTENSIONS = /\.(ts|mjs|sql|md)$/;
/** Documents outside the repository: a reader of the code cannot open them, so nothing may cite them. */
const OUTSIDE_DOCUMENTS = ['FORMATS', 'DESIGN', 'EXCEL_WORKFLOW', 'STYLE'].map((name) => `${name}.md`);

/** The anchor GitHub gives a heading: lower case, punctuation dropped, spaces to `-`. */
function githubAnchor(heading: string): string {
  return heading
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** Every anchor of a Markdown text's headings (outside fenced code), a repeated one numbered as GitHub numbers it. */
function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    const heading = fenced ? null : /^#{1,6}\s+(.+?)\s*#*\s*$/.exec(line);
    if (!heading) continue;
    const anchor = githubAnchor(heading[1]!);
    const count = seen.get(anchor) ?? 0;
    anchors.add(count === 0 ? anchor : `${anchor}-${count}`);
    seen.set(anchor, count + 1);
  }
  return anchors;
}

interface Reference {
  /** Where the reference is written: `sources/ga4/report.ts:2`. */
  at: string;
  /** The reference as written. */
  text: string;
  /** The document it names, as an absolute path. */
  document: string;
  anchor: string | null;
}

/** `docs/<file>.md` (and `README.md`) with an optional `#anchor`, not part of a longer path. */
const REPOSITORY_REFERENCE = /(?<![\w/.-])((?:\.\.\/)*(docs\/[\w-]+\.md|README\.md))(?:#([\w-]+))?/g;
/** A Markdown link's target: a relative `.md` file or an anchor of the same page. */
const MARKDOWN_LINK = /\]\(((?![a-z]+:)[^)\s#]*\.md|)(?:#([\w-]+))?\)/g;

/** The references one file makes, each resolved to the document it names. */
function referencesIn(path: string, text: string): Reference[] {
  const file = relative(REPOSITORY, path);
  const references: Reference[] = [];
  text.split('\n').forEach((line, index) => {
    const at = `${file}:${index + 1}`;
    const links = path.endsWith('.md') ? [...line.matchAll(MARKDOWN_LINK)] : [];
    for (const link of links) {
      references.push({ at, text: link[0], document: link[1] === '' ? path : resolve(dirname(path), link[1]!), anchor: link[2] ?? null });
    }
    const linked = new Set(links.map((link) => link.index! + 2));
    for (const match of line.matchAll(REPOSITORY_REFERENCE)) {
      if (linked.has(match.index!)) continue;
      references.push({ at, text: match[0], document: join(REPOSITORY, match[2]!), anchor: match[3] ?? null });
    }
  });
  return references;
}

/** Why a reference does not hold, or null when the document exists and has the heading. */
function brokenReference(reference: Reference, anchorsOf: (document: string) => Set<string>): string | null {
  if (!existsSync(reference.document)) return `${reference.at}: ${reference.text} names ${relative(REPOSITORY, reference.document)}, which does not exist`;
  if (reference.anchor !== null && !anchorsOf(reference.document).has(reference.anchor)) {
    return `${reference.at}: ${reference.text}: ${relative(REPOSITORY, reference.document)} has no heading whose anchor is #${reference.anchor}`;
  }
  return null;
}

function scannedFiles(): string[] {
  const walk = (folder: string): string[] =>
    readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : walk(path);
      return SCANNED_EXTENSIONS.test(entry.name) ? [path] : [];
    });
  // This file's examples of broken references are not references.
  const scanned = [join(REPOSITORY, 'README.md'), ...SCANNED_FOLDERS.flatMap((folder) => walk(join(REPOSITORY, folder)))];
  return scanned.filter((path) => path !== import.meta.filename);
}

const files = scannedFiles().map((path) => ({ path, text: readFileSync(path, 'utf8') }));
const anchorCache = new Map<string, Set<string>>();
const anchorsOf = (document: string) => {
  if (!anchorCache.has(document)) anchorCache.set(document, headingAnchors(readFileSync(document, 'utf8')));
  return anchorCache.get(document)!;
};

describe('references to the docs', () => {
  it('gives headings the anchors GitHub gives them, punctuation dropped and repeats numbered', () => {
    expect(githubAnchor('LinkedIn member Shares.csv')).toBe('linkedin-member-sharescsv');
    expect(githubAnchor("The program's own files")).toBe('the-programs-own-files');
    expect(githubAnchor('Sheet TOP POSTS')).toBe('sheet-top-posts');
    expect(githubAnchor('Facebook Insights posts (legacy)')).toBe('facebook-insights-posts-legacy');
    expect([...headingAnchors('# Title\n```\n# not a heading\n```\n## Notes\n### Notes\n')]).toEqual(['title', 'notes', 'notes-1']);
  });

  it('finds a broken anchor, a missing document and a bad relative Markdown link', () => {
    const source = join(REPOSITORY, 'sources/example.ts');
    const guide = join(REPOSITORY, 'fixtures/generator/README.md');
    const broken = [
      ...referencesIn(source, ' * (docs/formats.md#linkedin-member-workbook) and docs/formats.md#no-such-heading, docs/missing.md#x'),
      ...referencesIn(guide, '[ok](../../docs/formats.md#touchpoints-file), [wrong folder](docs/formats.md#touchpoints-file)'),
    ].flatMap((reference) => brokenReference(reference, anchorsOf) ?? []);
    expect(broken).toEqual([
      'sources/example.ts:1: docs/formats.md#no-such-heading: docs/formats.md has no heading whose anchor is #no-such-heading',
      'sources/example.ts:1: docs/missing.md#x names docs/missing.md, which does not exist',
      'fixtures/generator/README.md:1: ](docs/formats.md#touchpoints-file) names fixtures/generator/docs/formats.md, which does not exist',
    ]);
  });

  it('every docs/<file>.md#<anchor> in the sources, tests, fixtures and docs names a heading of an existing file', () => {
    const references = files.flatMap(({ path, text }) => referencesIn(path, text));
    expect(references.filter((reference) => reference.text.includes('docs/formats.md#')).length).toBeGreaterThan(50);
    expect(references.flatMap((reference) => brokenReference(reference, anchorsOf) ?? [])).toEqual([]);
  });

  it('every adapter file points at its section of docs/formats.md', () => {
    const adapters = files.filter(({ path, text }) => path.startsWith(join(REPOSITORY, 'sources')) && text.includes('defineAdapter({'));
    expect(adapters.length).toBeGreaterThan(25);
    expect(adapters.filter(({ text }) => !/docs\/formats\.md#[\w-]+/.test(text)).map(({ path }) => relative(REPOSITORY, path))).toEqual([]);
  });

  it(`no file cites ${OUTSIDE_DOCUMENTS.join(', ')}: documents the repository does not hold`, () => {
    const citations = files.flatMap(({ path, text }) =>
      text
        .split('\n')
        .flatMap((line, index) => OUTSIDE_DOCUMENTS.filter((name) => line.includes(name)).map((name) => `${relative(REPOSITORY, path)}:${index + 1}: ${name}`)),
    );
    expect(citations).toEqual([]);
  });
});
