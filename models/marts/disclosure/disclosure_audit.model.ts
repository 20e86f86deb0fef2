/**
 * `marts.disclosure_audit`: every post of a roster member (core.posts, owner ambassador,
 * with an ambassador_id on core.ambassadors: a post in an export of someone outside the
 * program, or logged for them, is not the program's to audit) judged by `auditPost` (./audit.ts): compliant, non_compliant or unknown (no text), with the
 * rule that decided and its evidence. The rules come from the config through meta
 * tables: `meta.settings.disclosure_mode` (normal or strict), `meta.company_names` (the
 * name and aliases) and `meta.disclosure_phrases` (the shipped Danish and English
 * phrases and the company's own). The texts without a verdict yet are read a slice at a
 * time and judged in code; the verdicts are appended and joined back to the posts in SQL.
 */
import { createHash } from 'node:crypto';
import type { TsModelDefinition } from '../../runner.ts';
import type { Warehouse } from '../../../pipelines/warehouse.ts';
import { DISCLOSURE_RULES, DISCLOSURE_STATUSES, type DisclosureMode, type DisclosureRules } from '../../lib/disclosure/audit.ts';
import { mapInParallel } from '../../lib/parallel.ts';
import { MILLISECONDS_PER_AUDIT } from '../../lib/parallel-tasks.ts';
import type { PhraseLanguage } from '../../lib/disclosure/phrases.ts';

interface PostText {
  text_key: string;
  platform: string;
  post_text: string | null;
  linkedin_headline: string | null;
}

/**
 * The verdicts given so far, one per text judged (its platform, text and author's
 * headline, as `text_key`) under the rules of `rules_key`: a verdict depends on nothing
 * else, so a build judges only the texts it finds no verdict for, and a day's new posts
 * cost what they are. Other rules' verdicts are dropped when the rules change.
 */
const VERDICTS_GIVEN = 'meta.disclosure_verdicts_given';

/** A post's text as the audit reads it, as one key (JSON tells a missing text from an empty one). */
const TEXT_KEY_SQL = 'md5(to_json([p.platform, p.post_text, a.linkedin_headline])::varchar)';

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

/** Texts read into JavaScript at a time: enough runs for every worker thread. */
const TEXTS_PER_SLICE = 50_000;

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
    const rulesKey = createHash('sha256').update(JSON.stringify(rules)).digest('hex');
    await warehouse.run(`create table if not exists ${VERDICTS_GIVEN} (
      rules_key varchar, text_key varchar, status varchar, rule varchar, evidence varchar, phrase_language varchar)`);
    await warehouse.run(`delete from ${VERDICTS_GIVEN} where rules_key <> $rulesKey`, { rulesKey });
    await warehouse.run(
      `create or replace temp table disclosure_texts_to_judge as
       select row_number() over (order by text_key) as position, *
       from (
         select distinct on (text_key) ${TEXT_KEY_SQL} as text_key, p.platform, p.post_text, a.linkedin_headline
         from core.posts as p
         inner join core.ambassadors as a using (ambassador_id)
         where p.owner = 'ambassador'
           and ${TEXT_KEY_SQL} not in (select text_key from ${VERDICTS_GIVEN})
       )`,
    );
    // A slice of the texts at a time (at L a first build judges 640,000 of them, which read
    // whole held 600 MB of the heap), each in runs, a share of them for each worker thread.
    for (let first = 0; ; first += TEXTS_PER_SLICE) {
      const texts = await warehouse.all<PostText>(
        `select * exclude (position) from disclosure_texts_to_judge
         where position > ${first} and position <= ${first + TEXTS_PER_SLICE} order by position`,
      );
      if (texts.length === 0) break;
      const runs = Array.from({ length: Math.ceil(texts.length / POSTS_PER_RUN) }, (_, index) => ({
        posts: texts.slice(index * POSTS_PER_RUN, (index + 1) * POSTS_PER_RUN),
        rules,
      }));
      const verdicts = (await mapInParallel('disclosureVerdicts', runs, texts.length * MILLISECONDS_PER_AUDIT)).flat();
      // Only what the code decides travels through it; the posts' other columns stay in SQL.
      await warehouse.append(
        'meta',
        'disclosure_verdicts_given',
        texts.map((text, index) => {
          const verdict = verdicts[index]!;
          return [rulesKey, text.text_key, verdict.status, verdict.rule, verdict.evidence, verdict.language];
        }),
      );
    }
    await warehouse.run('drop table disclosure_texts_to_judge');
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
       inner join core.ambassadors as a using (ambassador_id)
       inner join ${VERDICTS_GIVEN} as v on v.text_key = ${TEXT_KEY_SQL}
       where p.owner = 'ambassador'
       order by p.post_key`,
      { mode: rules.mode },
    );
  },
};
