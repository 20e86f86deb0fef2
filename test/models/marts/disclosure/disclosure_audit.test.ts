import { describe, expect, it } from 'vitest';
import type { Warehouse } from '../../../../pipelines/warehouse.ts';
import { buildModels } from '../../../helpers/models.ts';
import { testConfig, withWarehouse } from '../../../helpers/warehouse.ts';
import { createProgram, PROGRAM_TABLES, type ProgramInput } from '../program.ts';

const MODELS = ['staging.stg_program__ambassadors', 'core.ambassadors', 'marts.disclosure_audit', 'marts.disclosure_followup', 'marts.disclosure_by_platform'];

const PROGRAM: ProgramInput = {
  ambassadors: [
    { id: 'A1', headline: 'Elektriker hos Nordlys Energi' },
    { id: 'A2', headline: 'Passioneret om vedvarende energi' },
  ],
  posts: [
    { key: 'li-1', ambassador: 'A1', on: '2026-03-02', text: 'Great read on heat pumps' },
    { key: 'li-2', ambassador: 'A2', on: '2026-03-03', text: 'Min kollega hos Nordlys har skrevet det her' },
    { key: 'li-3', ambassador: 'A2', on: '2026-03-04', text: 'Nordlys Energi er et fantastisk sted!' },
    { key: 'li-4', ambassador: 'A2', on: '2026-03-05', text: null },
    { key: 'fb-1', ambassador: 'A1', platform: 'facebook', on: '2026-03-06', text: 'Reklame: Stolt Nordlys-medarbejder 🎉' },
    { key: 'fb-2', ambassador: 'A1', platform: 'facebook', on: '2026-03-07', text: 'Stolt Nordlys-medarbejder 🎉' },
  ],
};

async function verdicts(warehouse: Warehouse) {
  const rows = await warehouse.all<{ post_key: string; status: string; rule: string }>(
    `select post_key, status, rule from marts.disclosure_audit order by post_key`,
  );
  return Object.fromEntries(rows.map((row) => [row.post_key, `${row.status}/${row.rule}`]));
}

describe('models/marts/disclosure/disclosure_audit', () => {
  it('judges each text once under the same rules: a new post is judged alone, and an edited headline makes a new text', async () => {
    await withWarehouse(async (warehouse) => {
      await createProgram(warehouse, PROGRAM);
      const config = testConfig({ disclosure: { mode: 'normal', phrases: ['stolt {company}-medarbejder'] } });
      const given = async () =>
        (await warehouse.one<{ texts: number; rules: number }>(
          `select count(*)::integer as texts, count(distinct rules_key)::integer as rules from meta.disclosure_verdicts_given`,
        ))!;
      await buildModels(warehouse, config, MODELS, PROGRAM_TABLES);
      expect(await given()).toEqual({ texts: 6, rules: 1 });

      // The same text on another day is judged once; a new text adds one verdict.
      await warehouse.run(`insert into core.posts by name
        select 'li-5' as post_key, platform, owner, ambassador_id, posted_at + interval 1 day as posted_at, posted_on + 1 as posted_on,
          'https://example.com/posts/li-5' as post_url, post_text
        from core.posts where post_key = 'li-3'`);
      await warehouse.run(`insert into core.posts by name
        select 'li-6' as post_key, platform, owner, ambassador_id, posted_at, posted_on, 'https://example.com/posts/li-6' as post_url,
          'Reklame for Nordlys Energi' as post_text
        from core.posts where post_key = 'li-3'`);
      await buildModels(warehouse, config, MODELS, PROGRAM_TABLES);
      expect(await given()).toEqual({ texts: 7, rules: 1 });
      expect(await verdicts(warehouse)).toMatchObject({ 'li-3': 'non_compliant/no_disclosure', 'li-5': 'non_compliant/no_disclosure' });

      await warehouse.run(`update raw.program__ambassadors set linkedin_headline = 'Ingeniør hos Nordlys Energi' where ambassador_id = 'A2'`);
      await buildModels(warehouse, config, MODELS, PROGRAM_TABLES);
      expect(await verdicts(warehouse)).toMatchObject({ 'li-3': 'compliant/linkedin_headline', 'li-5': 'compliant/linkedin_headline' });
    });
  });

  it("judges every ambassador post by the config's mode and phrases, and counts per ambassador what to follow up", async () => {
    await withWarehouse(async (warehouse) => {
      await createProgram(warehouse, PROGRAM);
      await buildModels(warehouse, testConfig({ disclosure: { mode: 'normal', phrases: ['stolt {company}-medarbejder'] } }), MODELS, PROGRAM_TABLES);
      expect(await verdicts(warehouse)).toEqual({
        'fb-1': 'compliant/text_phrase',
        'fb-2': 'compliant/text_phrase',
        'li-1': 'compliant/linkedin_headline',
        'li-2': 'compliant/text_phrase',
        'li-3': 'non_compliant/no_disclosure',
        'li-4': 'unknown/no_text',
      });
      const followup = await warehouse.all(
        `select ambassador_id, posts_audited, compliant_posts, non_compliant_posts, unknown_posts, needs_follow_up, last_non_compliant_post_url
         from marts.disclosure_followup order by ambassador_id`,
      );
      expect(followup).toEqual([
        {
          ambassador_id: 'A1',
          posts_audited: 3,
          compliant_posts: 3,
          non_compliant_posts: 0,
          unknown_posts: 0,
          needs_follow_up: false,
          last_non_compliant_post_url: null,
        },
        {
          ambassador_id: 'A2',
          posts_audited: 3,
          compliant_posts: 1,
          non_compliant_posts: 1,
          unknown_posts: 1,
          needs_follow_up: true,
          last_non_compliant_post_url: 'https://example.com/posts/li-3',
        },
      ]);
      // The program lead's page counts the posts per platform and status.
      expect(await warehouse.all(`select * from marts.disclosure_by_platform order by platform, status`)).toEqual([
        { platform: 'facebook', status: 'compliant', posts: 2, ambassadors: 1 },
        { platform: 'linkedin', status: 'compliant', posts: 2, ambassadors: 2 },
        { platform: 'linkedin', status: 'non_compliant', posts: 1, ambassadors: 1 },
        { platform: 'linkedin', status: 'unknown', posts: 1, ambassadors: 1 },
      ]);

      await buildModels(warehouse, testConfig({ disclosure: { mode: 'strict', phrases: [] } }), MODELS, PROGRAM_TABLES);
      expect(await verdicts(warehouse)).toEqual({
        'fb-1': 'compliant/leading_marker',
        'fb-2': 'non_compliant/no_leading_marker',
        'li-1': 'non_compliant/no_leading_marker',
        'li-2': 'non_compliant/no_leading_marker',
        'li-3': 'non_compliant/no_leading_marker',
        'li-4': 'unknown/no_text',
      });
      const modes = await warehouse.all<{ disclosure_mode: string }>(`select distinct disclosure_mode from marts.disclosure_audit`);
      expect(modes).toEqual([{ disclosure_mode: 'strict' }]);
    });
  });

  it('audits only roster members’ posts: a post of someone outside the program is not an "Unknown (no text)" of the audit', async () => {
    await withWarehouse(async (warehouse) => {
      const program: ProgramInput = {
        ambassadors: PROGRAM.ambassadors,
        posts: [
          { key: 'li-1', ambassador: 'A1', on: '2026-03-02', text: 'Great read on heat pumps' },
          // a colleague's export dropped in a folder no roster row or alias names
          { key: 'li-outsider', ambassador: null, on: '2026-03-03', text: null },
          // a share logged for someone who never joined
          { key: 'li-not-on-roster', ambassador: 'X9', on: '2026-03-04', text: null },
        ],
      };
      await createProgram(warehouse, program);
      await buildModels(warehouse, testConfig(), MODELS, PROGRAM_TABLES);
      expect(await verdicts(warehouse)).toEqual({ 'li-1': 'compliant/linkedin_headline' });
      expect(await warehouse.all(`select ambassador_id, posts_audited, unknown_posts from marts.disclosure_followup order by ambassador_id`)).toEqual([
        { ambassador_id: 'A1', posts_audited: 1, unknown_posts: 0 },
        { ambassador_id: 'A2', posts_audited: 0, unknown_posts: 0 },
      ]);
    });
  });
});
