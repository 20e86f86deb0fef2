/**
 * The config reference is read from the schema: the README's table and the config `advocacy
 * init` writes list every key with its type, default and meaning, and fail here when either
 * drifts from the schema.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { configKeys, configReferenceMarkdown } from '../../pipelines/config-reference.ts';
import { validateConfig } from '../../pipelines/config.ts';
import { STARTER_CONFIG } from '../../pipelines/init.ts';
import { README_FILE, withConfigSection } from '../../pipelines/readme.ts';
import { tempFolder } from '../helpers/warehouse.ts';

const README = readFileSync(README_FILE, 'utf8');

/** The starter config's comment text, one line, for finding a meaning the comments wrap. */
function commentText(text: string): string {
  return text
    .split('\n')
    .filter((line) => /^(# )?\s*# /.test(line))
    .map((line) => line.replace(/^(# )?\s*# /, ''))
    .join(' ');
}

/** Each top-level block of the starter config, its own meaning lines dropped and the rest uncommented. */
function uncommentedStarterConfig(): Record<string, unknown> {
  const blocks = STARTER_CONFIG.split('\n\n').slice(1);
  return Object.assign(
    {},
    ...blocks.map((block) => {
      const lines = block.split('\n');
      const keyLine = lines.findIndex((line) => /^(# )?[a-z_]+:/.test(line));
      return parseYaml(
        lines
          .slice(keyLine)
          .map((line) => line.replace(/^# ?/, ''))
          .join('\n'),
      ) as Record<string, unknown>;
    }),
  );
}

describe('config reference', () => {
  it('lists every key of the schema, nested keys dotted and list items with [], each with its type, default and meaning from the schema', () => {
    const keys = new Map(configKeys().map((key) => [key.key, key]));
    expect(keys.get('ingest.limits.file_mb')).toEqual({
      key: 'ingest.limits.file_mb',
      type: 'integer ≥ 1',
      default: '2048',
      required: false,
      meaning: 'Size of any input file, in megabytes.',
    });
    expect(keys.get('ingest.settle_seconds')).toMatchObject({ type: 'integer 0–86400', default: '10' });
    expect(keys.get('costs.minutes_per_post')).toMatchObject({ type: 'number ≥ 0', default: '15' });
    expect(keys.get('company.name')).toMatchObject({ required: true, default: null });
    expect(keys.get('salt')).toMatchObject({ required: false, default: null, type: 'string of 8+ characters' });
    expect(keys.get('report.language')).toMatchObject({ type: 'one of `en`, `da`', default: 'en' });
    for (const key of [
      'contests',
      'contests[].name',
      'contests[].cohorts',
      'emv.rates',
      'emv.rates[].rate',
      'emv.rates[].valid_from',
      'points.daily_cap',
      'memory_limit',
    ]) {
      expect(keys.has(key), key).toBe(true);
    }
    expect(keys.get('emv.rates[].valid_from')).toMatchObject({ default: '2000-01-01' });
    for (const key of keys.values()) expect(key.meaning.length, key.key).toBeGreaterThan(10);
  });

  it('README config reference: the table between the config markers is the one the schema gives (run "npm run docs" after editing the schema)', () => {
    expect(withConfigSection(README)).toBe(README);
    expect(README).toContain(configReferenceMarkdown());
    expect(README).toContain('| `ingest.limits.file_mb` | `2048` | integer ≥ 1 | Size of any input file, in megabytes. |');
    expect(README).toContain('| `company.name` | (required) | string |');
    expect(withConfigSection(README.replace('| `paths.inbox` | `inbox` |', '| `paths.inbox` | `incoming` |'))).toBe(README);
  });

  it('init template: every key is commented with its meaning, type and default', () => {
    const comments = commentText(STARTER_CONFIG);
    for (const key of configKeys()) {
      expect(comments, `the starter config explains ${key.key}`).toContain(key.meaning);
      if (key.type !== 'section' && !key.key.includes('[]')) expect(comments, `the starter config gives the type of ${key.key}`).toContain(`(${key.type}`);
    }
    expect(STARTER_CONFIG).toMatch(/^# {5}file_mb: 2048$/m);
    expect(STARTER_CONFIG).toMatch(/^# {3}settle_seconds: 10$/m);
    expect(comments).toContain('valid_from (string, default 2000-01-01)');
  });

  it('init template: uncommented whole, it is a valid config that gives the defaults, but for the keys shown by example', () => {
    const starter = uncommentedStarterConfig();
    expect(Object.keys(starter)).toEqual(
      configKeys()
        .filter((key) => !key.key.includes('.') && !key.key.includes('[]'))
        .map((key) => key.key),
    );
    const root = tempFolder();
    const fromStarter = validateConfig(starter, { root, env: {} });
    const defaults = validateConfig({ company: { name: 'Your Company A/S' } }, { root, env: {} });
    expect({ ...fromStarter, salt: null, memory_limit: undefined, contests: [] }).toEqual(defaults);
    expect(fromStarter.contests).toEqual([{ name: 'Spring push', start: '2026-03-01', end: '2026-03-31', cohorts: [] }]);
  });
});
