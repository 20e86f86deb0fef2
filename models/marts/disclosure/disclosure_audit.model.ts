/**
 * `marts.disclosure_audit`: every post of a roster member (core.posts, owner ambassador,
 * with an ambassador_id on core.ambassadors: a post in an export of someone outside the
 * program, or logged for them, is not the program's to audit) judged by `auditPost` (./audit.ts): compliant, non_compliant or unknown (no text), with the
 * rule that decided and its evidence. The rules come from the config through meta
 * tables: `meta.settings.disclosure_mode` (normal or strict), `meta.company_names` (the
 * name and aliases) and `meta.disclosure_phrases` (the shipped Danish and English
 * phrases and the company's own). The posts' texts are read in one query and judged in
 * code; the verdicts are appended in one go and joined back to the posts in SQL.
 */
import type { TsModelDefinition } from '../../runner.ts';
import type { Warehouse } from '../../../pipelines/warehouse.ts';
import { DISCLOSURE_RULES, DISCLOSURE_STATUSES, type DisclosureMode, type DisclosureRules } from '../../lib/disclosure/audit.ts';
import { mapInParallel } from '../../lib/parallel.ts';
import { MILLISECONDS_PER_AUDIT } from '../../lib/parallel-tasks.ts';
import type { PhraseLanguage } from '../../lib/disclosure/phrases.ts';

interface PostRow {
  post_key: string;
  platform: string;
  post_text: string | null;
  linkedin_headline: string | null;
}

/** The audit's rules as the build wrote them into the meta tables. */
export async function readDisclosureRules(warehouse: Warehouse): Promise<DisclosureRules> {
  const settings = await warehouse.one<{ mode: string | null }>(`select disclosure_mode as mode from meta.settings`);
  const names = await warehouse.all<{ name: string }>(`select name from meta.company_names where name is not null`);
  const phrases = await warehouse.all<{ phrase: string; language: string }>(`select phrase, language from meta.disclosure_phrases where phrase is not null`);
  return {
    mode: (settings?.mode === 'strict' ? 'strict' : 'normal') satisfies DisclosureMode,
    companyNames: names.map((row) => row.name),
    phrases: phrases.map((row) => ({ phrase: row.phrase, language: row.language as PhraseLanguage })),
  };
}

/** Posts audited in one piece of work: enough that sending them costs little beside auditing them. */
const POSTS_PER_RUN = 5000;

export const model: TsModelDefinition = {
  grain: 'one row per post of a roster member, with its disclosure verdict',
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
      `select p.post_key, p.platform, p.post_text, a.linkedin_headline
       from core.posts as p
       inner join core.ambassadors as a using (ambassador_id)
       where p.owner = 'ambassador'
       order by p.post_key`,
    );
    // Only what the code decides travels through it; the posts' other columns stay in SQL.
    await warehouse.run(`create or replace temp table disclosure_verdicts (
      post_key varchar,
      status varchar,
      rule varchar,
      evidence varchar,
      phrase_language varchar
    )`);
    // In runs of posts, a share of them for each worker thread when they are many.
    const runs = Array.from({ length: Math.ceil(posts.length / POSTS_PER_RUN) }, (_, index) => ({
      posts: posts.slice(index * POSTS_PER_RUN, (index + 1) * POSTS_PER_RUN),
      rules,
    }));
    const verdicts = (await mapInParallel('disclosureVerdicts', runs, posts.length * MILLISECONDS_PER_AUDIT)).flat();
    // a temp table's schema is main (of the temp catalog, which names resolve through first)
    await warehouse.append(
      'main',
      'disclosure_verdicts',
      posts.map((post, index) => {
        const verdict = verdicts[index]!;
        return [post.post_key, verdict.status, verdict.rule, verdict.evidence, verdict.language];
      }),
    );
    await warehouse.run(
      `create or replace table ${table.qualified} as
       select
         p.post_key,
         p.post_url,
         p.platform,
         p.ambassador_id,
         p.posted_at::timestamp as posted_at,
         p.posted_on::date as posted_on,
         v.status,
         v.rule,
         v.evidence,
         v.phrase_language,
         $mode::varchar as disclosure_mode
       from core.posts as p
       inner join disclosure_verdicts as v using (post_key)
       where p.owner = 'ambassador'
       order by p.post_key`,
      { mode: rules.mode },
    );
    await warehouse.run(`drop table disclosure_verdicts`);
  },
};
