import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverModels, MODEL_LAYERS, MODELS_DIR, parseSqlModel, type ModelLayer } from '../models/runner.ts';
import { build } from '../pipelines/build.ts';
import { memoryLogger } from '../pipelines/log.ts';
import { testConfig, withWarehouse } from './helpers/warehouse.ts';

const ROOT = join(MODELS_DIR, '..');

/** `text` without the parentheses around all of it. */
function unwrapped(text: string): string {
  let inner = text.trim();
  while (inner.startsWith('(') && inner.endsWith(')') && topLevelParts(inner.slice(1, -1), ',').length > 0) inner = inner.slice(1, -1).trim();
  return inner;
}

/** `text` split at each `separator` outside parentheses and quotes (one part when there is none; none when its parentheses do not balance). */
function topLevelParts(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index]!;
    if (char === "'") quoted = !quoted;
    else if (!quoted && char === '(') depth += 1;
    else if (!quoted && char === ')') {
      depth -= 1;
      if (depth < 0) return [];
    } else if (!quoted && depth === 0 && text.startsWith(separator, index)) {
      parts.push(text.slice(start, index));
      start = index + separator.length;
      index += separator.length - 1;
    }
  }
  return depth === 0 ? [...parts, text.slice(start)] : [];
}

/**
 * The conjuncts of a join condition that compare two expressions with `=` where neither is
 * a constant: an equality between the two sides, which DuckDB could have joined by hash.
 */
function twoSidedEqualities(condition: string): string[] {
  const constant = /^('.*'|-?\d+(\.\d+)?|NULL|true|false)$/i;
  return topLevelParts(unwrapped(condition), ' AND ').filter((conjunct) => {
    const sides = topLevelParts(unwrapped(conjunct), ' = ');
    return sides.length === 2 && sides.every((side) => !constant.test(unwrapped(side)));
  });
}

interface PlanNode {
  name: string;
  extra_info?: Record<string, string | string[]>;
  children?: PlanNode[];
}

function nestedLoopConditions(node: PlanNode): string[] {
  const own = /NL_JOIN|NESTED_LOOP_JOIN/.test(node.name) ? [node.extra_info?.Condition ?? node.extra_info?.Conditions ?? []].flat() : [];
  return [...own, ...(node.children ?? []).flatMap(nestedLoopConditions)];
}

function files(dir: string, suffix: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(join(dir, entry.name), suffix) : entry.name.endsWith(suffix) ? [join(dir, entry.name)] : [],
  );
}

describe('models: layer rules', () => {
  const staging = files(join(MODELS_DIR, 'staging'), '.sql');

  it('staging models only rename and cast: a view over one raw table, with no join or aggregation', () => {
    expect(staging.length).toBeGreaterThan(20);
    for (const path of staging) {
      const model = parseSqlModel(readFileSync(path, 'utf8'), relative(MODELS_DIR, path));
      const body = model.sql.replace(/--.*$/gm, '');
      expect({ file: model.file, join: /\bjoin\b/i.test(body), groupBy: /\bgroup by\b/i.test(body) }).toEqual({
        file: model.file,
        join: false,
        groupBy: false,
      });
      expect({ file: model.file, materialized: model.materialized, dependsOn: model.dependsOn.length }).toEqual({
        file: model.file,
        materialized: 'view',
        dependsOn: 1,
      });
      expect(model.dependsOn[0], model.file).toMatch(/^raw\./);
    }
  });

  it('every model names its grain, and a staging model is named stg_<source>__<entity>', () => {
    for (const path of files(MODELS_DIR, '.sql').filter((file) => !file.includes('/macros/'))) {
      const model = parseSqlModel(readFileSync(path, 'utf8'), relative(MODELS_DIR, path));
      expect(model.grain, model.file).toBeTruthy();
      if (model.layer === 'staging') expect(model.name, model.file).toMatch(/^stg_[a-z0-9]+__[a-z0-9_]+$/);
    }
  });

  it('models/lib holds code the models use and no model of its own', () => {
    expect([...files(join(MODELS_DIR, 'lib'), '.sql'), ...files(join(MODELS_DIR, 'lib'), '.model.ts')]).toEqual([]);
    expect(files(join(MODELS_DIR, 'lib'), '.ts').length).toBeGreaterThan(10);
  });

  it('an intermediate model is named int_<entity>_<verb> and reads staging, core and other intermediate models only', () => {
    const intermediate = files(join(MODELS_DIR, 'intermediate'), '.sql');
    expect(intermediate.length).toBeGreaterThan(0);
    for (const path of intermediate) {
      const model = parseSqlModel(readFileSync(path, 'utf8'), relative(MODELS_DIR, path));
      expect(model.name, model.file).toMatch(/^int_[a-z0-9]+(_[a-z0-9]+)+$/);
      expect({ file: model.file, reads: model.dependsOn.filter((id) => !/^(staging|core|intermediate)\./.test(id)) }).toEqual({ file: model.file, reads: [] });
    }
  });

  it('a model reads its own layer or the layers before it (staging, core, intermediate, marts), never a later one', async () => {
    const models = await discoverModels();
    expect(models.some((model) => model.layer === 'intermediate')).toBe(true);
    for (const model of models) {
      const later = model.dependsOn.filter((id) => MODEL_LAYERS.indexOf(id.split('.')[0] as ModelLayer) > MODEL_LAYERS.indexOf(model.layer));
      expect({ model: model.id, later }).toEqual({ model: model.id, later: [] });
    }
  });

  it('a model names in depends_on every table its code reads, so the build keeps it only when none of them changed', async () => {
    // The record a model keeps of its own past (it writes it, and no other model reads it).
    const ownRecords: Record<string, string[]> = {
      'marts.emv_daily': ['meta.emv_rates_applied'],
      'marts.disclosure_audit': ['meta.disclosure_verdicts_given'],
    };
    const withoutComments = (text: string) =>
      text
        .replace(/--.*$/gm, '')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/^\s*\/\/.*$/gm, '');
    for (const model of await discoverModels()) {
      const code = withoutComments(model.kind === 'sql' ? model.sql : readFileSync(join(MODELS_DIR, model.file), 'utf8'));
      const read = new Set([...code.matchAll(/\b(raw|staging|core|intermediate|marts|meta)\.([a-z0-9_]+)/g)].map((match) => `${match[1]}.${match[2]}`));
      const undeclared = [...read].filter((table) => table !== model.id && !model.dependsOn.includes(table) && !ownRecords[model.id]?.includes(table));
      expect({ model: model.id, undeclared }).toEqual({ model: model.id, undeclared: [] });
    }
  });

  it('finds the equalities between two sides in a nested-loop join condition, and passes over ranges and constants', () => {
    expect(twoSidedEqualities(`((platform = 'linkedin') AND (('linkedin:' || COALESCE(post_id, post_url)) = post_ref))`)).toEqual([
      `(('linkedin:' || COALESCE(post_id, post_url)) = post_ref)`,
    ]);
    expect(twoSidedEqualities('((week_end >= joined_on) AND ((left_on IS NULL) OR (week_start <= left_on)))')).toEqual([]);
    expect(twoSidedEqualities(`(CASE WHEN ((lower(utm_campaign) = '')) THEN (NULL) ELSE lower(utm_campaign) END IN (lower(content_id), slug))`)).toEqual([]);
    expect(twoSidedEqualities('(crm = crm)')).toEqual(['crm = crm']);
  });

  it('every SQL model joins on its equalities by hash: no nested-loop join compares its two sides with =', async () => {
    await withWarehouse(async (warehouse) => {
      const models = await discoverModels();
      await build(warehouse, testConfig(), { runId: null, log: memoryLogger(), models });
      const found: { model: string; equalities: string[] }[] = [];
      for (const model of models) {
        if (!('sql' in model)) continue;
        const [row] = Object.values((await warehouse.one<Record<string, string>>(`explain (format json) ${model.sql}`)) ?? {}).slice(-1);
        const conditions = (JSON.parse(row ?? '[]') as PlanNode[]).flatMap(nestedLoopConditions);
        const equalities = conditions.flatMap(twoSidedEqualities);
        if (equalities.length > 0) found.push({ model: model.id, equalities });
      }
      expect(found).toEqual([]);
    });
  });

  it('reports read marts only, never staging or core', () => {
    for (const path of files(join(ROOT, 'reports'), '.ts')) {
      const text = readFileSync(path, 'utf8');
      expect({ file: relative(ROOT, path), reads: text.match(/\bfrom\s+(staging|core|intermediate|raw)\.\w+/gi) ?? [] }).toEqual({
        file: relative(ROOT, path),
        reads: [],
      });
    }
  });
});
