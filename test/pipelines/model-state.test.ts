import { describe, expect, it } from 'vitest';
import { parseSqlModel } from '../../models/runner.ts';
import { buildPlan, definitionKey, inputKey, inputsOf, type ModelState } from '../../pipelines/model-state.ts';

const incremental = parseSqlModel(
  ['-- key: id', '-- depends_on: staging.stg_clicks, core.aliases', '-- incremental_on: staging.stg_clicks', 'select id from staging.stg_clicks'].join('\n'),
  'core/clicks.sql',
);
const whole = parseSqlModel(
  ['-- key: id', '-- depends_on: staging.stg_clicks, core.aliases', 'select id from staging.stg_clicks'].join('\n'),
  'core/clicks.sql',
);

function state(model: typeof incremental, versions: Record<string, string>, code = 'code-1'): ModelState {
  const definition = definitionKey(model, code);
  const inputs = inputsOf(model, new Map(Object.entries(versions)));
  return { inputKey: inputKey(definition, inputs), definitionKey: definition, inputs, fileWatermark: 7 };
}

describe('pipelines/model-state', () => {
  const before = state(incremental, { 'staging.stg_clicks': 'a', 'core.aliases': 'x' });

  it('keeps a model whose code and inputs are as they were, when its table is there', () => {
    expect(buildPlan(incremental, before, state(incremental, { 'staging.stg_clicks': 'a', 'core.aliases': 'x' }), true)).toBe('keep');
    expect(buildPlan(incremental, before, state(incremental, { 'staging.stg_clicks': 'a', 'core.aliases': 'x' }), false)).toBe('whole');
    expect(buildPlan(incremental, undefined, before, true)).toBe('whole');
  });

  it('adds the new rows when its incremental input alone changed, and builds it whole after any other change', () => {
    expect(buildPlan(incremental, before, state(incremental, { 'staging.stg_clicks': 'b', 'core.aliases': 'x' }), true)).toBe('incremental');
    expect(buildPlan(incremental, before, state(incremental, { 'staging.stg_clicks': 'b', 'core.aliases': 'y' }), true)).toBe('whole');
    expect(buildPlan(incremental, before, state(incremental, { 'staging.stg_clicks': 'a', 'core.aliases': 'y' }), true)).toBe('whole');
    expect(buildPlan(incremental, before, state(incremental, { 'staging.stg_clicks': 'b', 'core.aliases': 'x' }, 'code-2'), true)).toBe('whole');
    const wholeBefore = state(whole, { 'staging.stg_clicks': 'a', 'core.aliases': 'x' });
    expect(buildPlan(whole, wholeBefore, state(whole, { 'staging.stg_clicks': 'b', 'core.aliases': 'x' }), true)).toBe('whole');
  });

  it('gives a table without a version a key never seen again, so what reads it is always built', () => {
    const unversioned = () => inputKey(definitionKey(whole, 'code-1'), inputsOf(whole, new Map([['core.aliases', 'x']])));
    expect(unversioned()).not.toBe(unversioned());
    expect(definitionKey(incremental, 'code-1')).not.toBe(definitionKey(whole, 'code-1'));
  });
});
