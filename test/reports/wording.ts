/**
 * What a report says, as a reader sees it, and the words it may not use. The reports
 * speak of the program: never of how the software came to be (issues, tickets, models
 * "not built yet", file names), and a Danish report is Danish throughout.
 *
 * A page's words are collected from its model: title, period, headline, KPI tiles, notes,
 * each chart's title, subtitle, narrative and definition, the texts inside its Vega-Lite
 * spec (titles of the chart, axes, legends, tooltips and facets, legend and axis domains,
 * filter menus, label expressions, and the inline data's values in the fields the chart
 * encodes), tables (caption, headers, cells, note), the glossary, the navigation, the
 * footer and the page furniture (PAGE_TEXT). The one thing left out of the scan is the
 * closing source line of a chart's definition or a table's note, `Source: marts.a,
 * marts.b.` (`Kilde: …` in Danish): it names the marts an analyst can open, and only a
 * line of exactly that form is left out.
 */
import { expect, it } from 'vitest';
import type { TopLevelSpec } from 'vega-lite';
import type { Warehouse } from '../../pipelines/warehouse.ts';
import type { Language } from '../../reports/format.ts';
import { MODEL_NAMES, PAGE_TEXT, REPORT_TITLES } from '../../reports/i18n.ts';
import type { ReportPage, ReportTable } from '../../reports/page.ts';
import { buildAttributionPage } from '../../reports/pages/attribution.ts';
import { buildLeadershipPage } from '../../reports/pages/leadership.ts';
import { buildProgramPage } from '../../reports/pages/program.ts';

export interface PageText {
  /** Where on the page: `chart weekly-traffic, definition`. */
  where: string;
  text: string;
}

export interface Finding extends PageText {
  rule: string;
  match: string;
}

/**
 * Phrases about the software rather than the program, in either language. "Session" on
 * its own is GA4's measure and is fine; only phrases naming a working session are not.
 */
export const DEVELOPMENT_PHRASES: readonly { rule: string; pattern: RegExp }[] = [
  { rule: 'an issue or ticket', pattern: /\b(?:issues?|tickets?|pull requests?)\b/i },
  { rule: 'a working session', pattern: /\b(?:this|next|previous|earlier|later) session\b|\bdenne session\b/i },
  { rule: 'a helper or TODO', pattern: /\b(?:helpers?|TODO|FIXME|placeholder|stub|not implemented)\b/i },
  { rule: 'something being built', pattern: /\b(?:is|are|was|were|been|gets?|not|yet) built\b|\bbuilt yet\b|\b(?:er|blevet|ikke) bygget\b|\bbygget endnu\b/i },
  {
    rule: 'something that does not exist yet',
    pattern: /\b(?:does not|doesn[’']t|do not|don[’']t) exist(?: in the warehouse)? yet\b|\b(?:findes|eksisterer) ikke endnu\b/i,
  },
  { rule: 'something that will appear', pattern: /\bappears? (?:here )?(?:when|once)\b|\bvises(?: her)?,? (?:når|så snart)\b/i },
  { rule: 'a build step', pattern: /\b(?:run the build|build step|byggetrin)\b/i },
  { rule: 'a later version', pattern: /\b(?:later|future|next) (?:version|release)\b|\bsenere version\b/i },
  { rule: 'a model or table name in a sentence', pattern: /\b(?:marts|core|staging|raw)\.[a-z_]+/i },
  { rule: 'a source file name', pattern: /\b[\w-]+\.(?:sql|ts|mjs|js)\b/i },
];

/**
 * English function words that have no Danish homograph a report would use: not `for`,
 * `at`, `i`, `to`, `per`, `over`, `under`, `man`, `by`, `have`, `so` (all Danish), nor
 * `it` (IT, the department).
 */
export const ENGLISH_FUNCTION_WORDS: readonly string[] = [
  'the',
  'and',
  'of',
  'is',
  'are',
  'was',
  'were',
  'been',
  'with',
  'from',
  'this',
  'that',
  'these',
  'which',
  'when',
  'where',
  'their',
  'its',
  'than',
  'into',
  'or',
  'an',
  'on',
  'not',
  'yet',
  'has',
  'in',
  'will',
  'would',
  'should',
];

const ENGLISH_WORD = new RegExp(`(?<![\\p{L}\\p{N}_])(?:${ENGLISH_FUNCTION_WORDS.join('|')})(?![\\p{L}\\p{N}_])`, 'iu');

/** A closing source line: `Source: marts.a, marts.b.` or `Kilde: marts.a.`, and nothing else. */
const SOURCE_LINE = /\s*(?:Source|Kilde): marts\.[a-z_]+(?:, marts\.[a-z_]+)*\.$/;

/** A definition or table note without its closing source line. */
export function withoutSourceLine(text: string): string {
  return text.replace(SOURCE_LINE, '');
}

/** Keys of a Vega-Lite spec whose strings a reader sees (a text mark's or datum's `value`, a menu's `name` and `options`). */
const VISIBLE_SPEC_KEYS = new Set(['title', 'subtitle', 'text', 'domain', 'name', 'options', 'labels', 'labelExpr', 'value']);

/** Keys whose strings are never shown: field names, types, colours, formats, the locale's calendar, inline data. */
const HIDDEN_SPEC_KEYS = new Set([
  '$schema',
  'config',
  'field',
  'type',
  'range',
  'color',
  'format',
  'timeUnit',
  'filter',
  'calculate',
  'as',
  'sort',
  'param',
  'fields',
  'data',
  'datasets',
]);

function specTexts(node: unknown, where: string, out: PageText[], key = ''): void {
  if (typeof node === 'string') {
    if (VISIBLE_SPEC_KEYS.has(key) && /\p{L}/u.test(node)) out.push({ where, text: node });
    return;
  }
  if (Array.isArray(node)) {
    for (const item of node) specTexts(item, where, out, key);
    return;
  }
  if (!node || typeof node !== 'object') return;
  for (const [name, value] of Object.entries(node)) if (!HIDDEN_SPEC_KEYS.has(name)) specTexts(value, where, out, name);
}

/** The fields a spec encodes (axes, colours, tooltips, text marks, facets): their values are on the chart. */
function encodedFields(node: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(node)) for (const item of node) encodedFields(item, into);
  else if (node && typeof node === 'object') {
    for (const [name, value] of Object.entries(node)) {
      if (name === 'data' || name === 'datasets') continue;
      if (name === 'field' && typeof value === 'string') into.add(value);
      else encodedFields(value, into);
    }
  }
  return into;
}

/** The inline data's strings in the fields the chart shows: labels the report wrote into the rows, and the program's names. */
function dataTexts(node: unknown, fields: ReadonlySet<string>, where: string, out: PageText[]): void {
  if (Array.isArray(node)) for (const item of node) dataTexts(item, fields, where, out);
  else if (node && typeof node === 'object') {
    for (const [name, value] of Object.entries(node)) {
      if (name === 'values' && Array.isArray(value)) {
        for (const row of value) {
          if (!row || typeof row !== 'object') continue;
          for (const [field, cell] of Object.entries(row))
            if (fields.has(field) && typeof cell === 'string' && /\p{L}/u.test(cell)) out.push({ where: `${where} data ${field}`, text: cell });
        }
      } else dataTexts(value, fields, where, out);
    }
  }
}

function tableTexts(table: ReportTable, where: string): PageText[] {
  return [
    { where: `${where} caption`, text: table.caption },
    ...table.columns.map((column) => ({ where: `${where} header`, text: column.label })),
    ...table.rows.flatMap((row, index) => row.map((cell) => ({ where: `${where} row ${index + 1}`, text: cell }))),
    ...(table.note ? [{ where: `${where} note`, text: withoutSourceLine(table.note) }] : []),
  ];
}

/** Every text a reader of the page sees, but the definitions' source lines. */
export function pageTexts(page: ReportPage): PageText[] {
  const language = page.lang === 'da' ? 'da' : 'en';
  const texts: PageText[] = [
    { where: 'title', text: page.title },
    { where: 'period', text: page.period },
    { where: 'headline', text: page.headline },
    ...page.kpis.flatMap((kpi) => [
      { where: `KPI ${kpi.label}`, text: kpi.label },
      { where: `KPI ${kpi.label} value`, text: kpi.value },
      { where: `KPI ${kpi.label} note`, text: kpi.note },
    ]),
    ...page.notes.map((note) => ({ where: 'note', text: note })),
    ...(page.links ?? []).map((link) => ({ where: 'navigation', text: link.label })),
    ...page.glossary.flatMap((entry) => [
      { where: 'glossary term', text: entry.term },
      { where: `glossary ${entry.term}`, text: entry.definition },
    ]),
    { where: 'footer', text: page.source },
    ...Object.entries(PAGE_TEXT).map(([key, words]) => ({ where: `page text ${key}`, text: words[language] })),
    ...Object.entries(REPORT_TITLES).map(([key, words]) => ({ where: `report title ${key}`, text: words[language] })),
    ...(page.tables ?? []).flatMap((table) => tableTexts(table, `table ${table.name}`)),
  ];
  for (const chart of page.charts) {
    const where = `chart ${chart.name}`;
    texts.push(
      { where: `${where}, title`, text: chart.title },
      { where: `${where}, subtitle`, text: chart.subtitle },
      { where: `${where}, narrative`, text: chart.narrative },
      { where: `${where}, definition`, text: withoutSourceLine(chart.definition) },
    );
    specTexts(chart.spec as TopLevelSpec, `${where}, spec`, texts);
    dataTexts(chart.spec, encodedFields(chart.spec), `${where}, spec`, texts);
    if (chart.table) texts.push(...tableTexts(chart.table, `${where}, table`));
  }
  return texts.filter((entry) => entry.text.trim() !== '');
}

/**
 * The attribution models and figures a page shows that its glossary does not define. A
 * model is defined when the glossary names it; a figure (a KPI tile) when a glossary term
 * is the tile's label, or the label before its comma (`Value, to date`).
 */
export function undefinedTerms(page: ReportPage): string[] {
  const language = page.lang === 'da' ? 'da' : 'en';
  const glossary = page.glossary
    .map((entry) => `${entry.term}\n${entry.definition}`)
    .join('\n')
    .toLowerCase();
  const shown = pageTexts(page)
    .filter((text) => !text.where.startsWith('glossary'))
    .map((text) => text.text)
    .join('\n')
    .toLowerCase();
  const models = Object.values(MODEL_NAMES)
    .map((name) => name[language])
    .filter((name) => shown.includes(name.toLowerCase()) && !glossary.includes(name.toLowerCase()));
  const terms = new Set(page.glossary.map((entry) => entry.term));
  const figures = page.kpis.map((kpi) => kpi.label).filter((label) => !terms.has(label) && !terms.has(label.split(', ')[0]!));
  return [...models.map((name) => `attribution model ${name}`), ...figures.map((label) => `figure ${label}`)];
}

/** The texts that use a development phrase. */
export function developmentWords(texts: readonly PageText[]): Finding[] {
  return texts.flatMap((entry) =>
    DEVELOPMENT_PHRASES.flatMap(({ rule, pattern }) => {
      const match = pattern.exec(entry.text);
      return match ? [{ ...entry, rule, match: match[0] }] : [];
    }),
  );
}

/**
 * The Danish texts with an English function word outside the program's own names
 * (ambassadors, teams, content titles, channels, goals as the exports spell them).
 */
export function englishInDanish(texts: readonly PageText[], names: ReadonlySet<string>): Finding[] {
  // Longest first, so a title goes before a name inside it; two letters are too short to
  // be told from a piece of a word.
  const longestFirst = [...names].filter((name) => name.length >= 3).sort((a, b) => b.length - a.length);
  return texts.flatMap((entry) => {
    let text = entry.text;
    for (const name of longestFirst) if (text.includes(name)) text = text.split(name).join(' ');
    const match = ENGLISH_WORD.exec(text);
    return match ? [{ ...entry, rule: 'an English word in the Danish report', match: match[0] }] : [];
  });
}

/** One line per finding, for a failure message. */
export function describeFindings(findings: readonly Finding[]): string {
  return findings.map((finding) => `${finding.where}: ${finding.rule} (“${finding.match}”) in “${finding.text}”`).join('\n');
}

/**
 * The marts' columns that hold the program's own names and texts as its exports spell
 * them (people, teams, content, channels, goals, cost lines, post texts): a Danish program
 * may name them in English. Sentences a mart writes (a nudge's detail, a verdict) are not
 * among them: the report must say those in its own language.
 */
const PROGRAM_NAME_COLUMNS = [
  'ambassador_name',
  'leader_name',
  'display_name',
  'company_name',
  'cohort',
  'department',
  'title',
  'content_title',
  'channel',
  'group_a',
  'group_b',
  'goal_name',
  'contest',
  'category',
  'note',
  'source_file',
  'course',
  'evidence',
  'post_text',
  'content_type',
  'origin',
  'url',
  'post_url',
  'last_non_compliant_post_url',
];

/** Every value of those columns in the warehouse's marts. */
async function programNames(warehouse: Warehouse): Promise<Set<string>> {
  const columns = await warehouse.all<{ table_name: string; column_name: string }>(
    `select table_name, column_name from information_schema.columns
     where table_schema = 'marts' and data_type = 'VARCHAR' and column_name in (${PROGRAM_NAME_COLUMNS.map((name) => `'${name}'`).join(', ')})`,
  );
  if (columns.length === 0) return new Set();
  const values = await warehouse.all<{ value: string }>(
    columns
      .map(({ table_name, column_name }) => `select distinct "${column_name}" as value from marts."${table_name}" where "${column_name}" is not null`)
      .join('\nunion\n'),
  );
  return new Set(values.map((row) => row.value));
}

export interface BuiltReports {
  pages: ReportPage[];
  names: Set<string>;
}

/** The three reports in both languages, and the program's names, from a built warehouse. */
export async function reportsOf(warehouse: Warehouse, companyName: string): Promise<BuiltReports> {
  const pages: ReportPage[] = [];
  for (const language of ['en', 'da'] as Language[]) {
    const options = { companyName, language };
    pages.push(await buildLeadershipPage(warehouse, options), await buildProgramPage(warehouse, options), await buildAttributionPage(warehouse, options));
  }
  const names = await programNames(warehouse);
  names.add(companyName);
  return { pages, names };
}

function textsOf(reports: BuiltReports, language: Language): PageText[] {
  return reports.pages
    .filter((page) => page.lang === language)
    .flatMap((page) => pageTexts(page).map((text) => ({ ...text, where: `${page.kind} (${language}) ${text.where}` })));
}

/** The two checks every program's reports pass (inside the caller's describe). */
export function checksOn(program: string, reports: () => BuiltReports) {
  it(`speaks of the program, never of issues, builds, models or files, in English and Danish (${program})`, () => {
    const texts = [...textsOf(reports(), 'en'), ...textsOf(reports(), 'da')];
    expect(texts.length).toBeGreaterThan(1000);
    expect(describeFindings(developmentWords(texts))).toBe('');
  });

  it(`defines in the glossary every attribution model and every figure the reports show, in English and Danish (${program})`, () => {
    const gaps = reports().pages.flatMap((page) => undefinedTerms(page).map((term) => `${page.kind} (${page.lang}): ${term}`));
    expect(gaps).toEqual([]);
  });

  it(`writes the Danish reports in Danish, English only in the program's own names and the source lines (${program})`, () => {
    const texts = textsOf(reports(), 'da');
    expect(describeFindings(englishInDanish(texts, reports().names))).toBe('');
  });
}
