/**
 * The cost of people's time is priced with the `costs.*` settings; a user who never set
 * them must still be able to see them, with their defaults, in README's config reference
 * and in the config `advocacy init` writes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { validateConfig } from '../../pipelines/config.ts';
import { STARTER_CONFIG } from '../../pipelines/init.ts';
import { tempFolder } from '../helpers/warehouse.ts';

const README = readFileSync(join(import.meta.dirname, '../../README.md'), 'utf8');
const COST_DEFAULTS = Object.entries(validateConfig({ company: { name: 'Nordlys Energi A/S' } }, { root: tempFolder(), env: {} }).costs);

/** The `costs:` block of the starter config, uncommented. */
function starterCostsBlock(): string {
  const lines = STARTER_CONFIG.split('\n');
  const start = lines.findIndex((line) => /^# costs:(\s|$)/.test(line));
  expect(start, 'the init template has a "# costs:" block').toBeGreaterThanOrEqual(0);
  const end = lines.findIndex((line, index) => index > start && line.trim() === '');
  return lines
    .slice(start, end)
    .map((line) => line.replace(/^# ?/, ''))
    .join('\n');
}

describe("config: the cost of people's time", () => {
  it('cost defaults appear in README and init template: every costs.* key with its default value', () => {
    expect(COST_DEFAULTS.length).toBeGreaterThan(0);
    for (const [key, value] of COST_DEFAULTS) {
      expect(README, `README's config reference lists costs.${key}`).toContain(`| \`costs.${key}\` | \`${value}\` |`);
      expect(starterCostsBlock(), `the init template shows costs.${key}`).toMatch(new RegExp(`^  ${key}: ${value}\\b`, 'm'));
    }
  });

  it("the init template's costs block, uncommented, is a valid config that gives the defaults", () => {
    const costs = (parseYaml(starterCostsBlock()) as { costs: unknown }).costs;
    const config = validateConfig({ company: { name: 'Nordlys Energi A/S' }, costs }, { root: tempFolder(), env: {} });
    expect(Object.entries(config.costs)).toEqual(COST_DEFAULTS);
  });
});
