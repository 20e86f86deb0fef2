/**
 * `marts.disclosure_audit`: every ambassador post (core.posts, owner ambassador) judged
 * by `auditPost` (./audit.ts): compliant, non_compliant or unknown (no text), with the
 * rule that decided and its evidence. The rules come from the config through meta
 * tables: `meta.settings.disclosure_mode` (normal or strict), `meta.company_names` (the
 * name and aliases) and `meta.disclosure_phrases` (the shipped Danish and English
 * phrases and the company's own). The posts are read in one query, judged in code, and
 * appended in one go.
 */
import type { TsModelDefinition } from '../../runner.ts';
import type { Warehouse } from '../../../pipelines/warehouse.ts';
import { auditPost, DISCLOSURE_RULES, DISCLOSURE_STATUSES, type DisclosureMode, type DisclosureRules } from './audit.ts';
import type { PhraseLanguage } from './phrases.ts';

interface PostRow {
  post_key: string;
  post_url: string | null;
  platform: string;
  ambassador_id: string | null;
  posted_at: Date | null;
  posted_on: Date | null;
  post_text: string | null;
  linkedin_headline: string | null;
}

/** The audit's rules as the build wrote them into the meta tables. */
export async function readDisclosureRules(warehouse: Warehouse): Promise<DisclosureRules> {
  const settings = await warehouse.one<{ mode: string | null }>(`select disclosure_mode as mode from meta.settings`);
  const names = await warehouse.all<{ name: string }>(`select name from meta.company_names where name is not null`);
  const phrases = await warehouse.all<{ phrase: string; language: string }>(
    `select phrase, language from meta.disclosure_phrases where phrase is not null`,
  );
  return {
    mode: (settings?.mode === 'strict' ? 'strict' : 'normal') satisfies DisclosureMode,
    companyNames: names.map((row) => row.name),
    phrases: phrases.map((row) => ({ phrase: row.phrase, language: row.language as PhraseLanguage })),
  };
}

export const model: TsModelDefinition = {
  grain: 'one row per ambassador post, with its disclosure verdict',
  key: ['post_key'],
  dependsOn: ['core.posts', 'core.ambassadors', 'meta.settings', 'meta.company_names', 'meta.disclosure_phrases'],
  tests: [
    { kind: 'not_null', column: 'status' },
    { kind: 'not_null', column: 'rule' },
    { kind: 'accepted_values', column: 'status', values: [...DISCLOSURE_STATUSES] },
    { kind: 'accepted_values', column: 'rule', values: [...DISCLOSURE_RULES] },
  ],
  async build({ warehouse }, table) {
    const rules = await readDisclosureRules(warehouse);
    const posts = await warehouse.all<PostRow>(
      `select p.post_key, p.post_url, p.platform, p.ambassador_id, p.posted_at, p.posted_on, p.post_text, a.linkedin_headline
       from core.posts as p
       left join core.ambassadors as a using (ambassador_id)
       where p.owner = 'ambassador'
       order by p.post_key`,
    );
    await warehouse.run(`create or replace table ${table} (
      post_key varchar,
      post_url varchar,
      platform varchar,
      ambassador_id varchar,
      posted_at timestamp,
      posted_on date,
      status varchar,
      rule varchar,
      evidence varchar,
      phrase_language varchar,
      disclosure_mode varchar
    )`);
    const [schema, name] = splitTable(table);
    await warehouse.append(
      schema,
      name,
      posts.map((post) => {
        const verdict = auditPost(post.post_text, post.linkedin_headline, post.platform, rules);
        return [
          post.post_key,
          post.post_url,
          post.platform,
          post.ambassador_id,
          post.posted_at,
          post.posted_on,
          verdict.status,
          verdict.rule,
          verdict.evidence,
          verdict.language,
          rules.mode,
        ];
      }),
    );
  },
};

/** `"marts"."disclosure_audit"` → `['marts', 'disclosure_audit']`. */
function splitTable(table: string): [string, string] {
  const parts = [...table.matchAll(/"((?:[^"]|"")*)"/g)].map((match) => (match[1] as string).replace(/""/g, '"'));
  if (parts.length !== 2) throw new Error(`internal: expected a quoted schema.table, got ${table}`);
  return [parts[0] as string, parts[1] as string];
}
