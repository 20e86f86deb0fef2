import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { findConfigFile, loadConfig, requireSalt, validateConfig } from '../../pipelines/config.ts';
import { ConfigError } from '../../pipelines/errors.ts';
import { STARTER_CONFIG } from '../../pipelines/init.ts';
import { tempFolder } from '../helpers/warehouse.ts';

function errorOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a config error');
}

describe('pipelines/config', () => {
  it('needs only company.name; everything else has a default', () => {
    const root = tempFolder();
    const config = validateConfig({ company: { name: 'Nordlys Energi A/S' } }, { root, env: {} });
    expect(config).toMatchObject({
      currency: 'DKK',
      timezone: 'Europe/Copenhagen',
      company: { name: 'Nordlys Energi A/S', aliases: [] },
      attribution: { parameter: 'utm_content', lookback_days: 30, half_life_days: 7, ignore_direct: true, markov_order: 1, default_model: 'last_touch' },
      paths: { warehouse: join(root, 'warehouse/advocacy.duckdb'), out: join(root, 'out'), inbox: join(root, 'inbox') },
      salt: null,
    });
    expect(config.emv.rates.length).toBeGreaterThan(0);
  });

  it('counts no HubSpot subscriber, "other" contact or unqualified CRM record as a lead by default', () => {
    const config = validateConfig({ company: { name: 'X' }, outcomes: { unit_values: { lead: 900 } } }, { root: tempFolder(), env: {} });
    expect(config.outcomes.lead_stages).toEqual({
      exclude_hubspot_lifecycle_stages: ['subscriber', 'other'],
      exclude_hubspot_lead_statuses: ['unqualified'],
      exclude_salesforce_lead_statuses: ['unqualified'],
    });
    expect(() =>
      validateConfig(
        { company: { name: 'X' }, outcomes: { lead_stages: { exclude_hubspot_lifecycle_stages: 'subscriber' } } },
        { root: tempFolder(), env: {} },
      ),
    ).toThrow('Config key outcomes.lead_stages.exclude_hubspot_lifecycle_stages has the value "subscriber", which is not allowed; it must be an array.');
  });

  it('shows the default lead stages in the init template, uncommented a valid config', () => {
    const lines = STARTER_CONFIG.split('\n');
    const start = lines.findIndex((line) => /^# outcomes:$/.test(line));
    const end = lines.findIndex((line, index) => index > start && line.trim() === '');
    const block = lines
      .slice(start, end)
      .map((line) => line.replace(/^# ?/, ''))
      .join('\n');
    const outcomes = (parseYaml(block) as { outcomes: unknown }).outcomes;
    const config = validateConfig({ company: { name: 'X' }, outcomes }, { root: tempFolder(), env: {} });
    expect(config.outcomes).toEqual(validateConfig({ company: { name: 'X' } }, { root: tempFolder(), env: {} }).outcomes);
    expect(block).toContain('exclude_hubspot_lifecycle_stages: [subscriber, other]');
  });

  it('keeps defaults for the keys a partial section leaves out', () => {
    const config = validateConfig({ company: { name: 'X' }, attribution: { lookback_days: 14 } }, { root: tempFolder(), env: {} });
    expect(config.attribution).toMatchObject({ lookback_days: 14, half_life_days: 7, default_model: 'last_touch' });
  });

  it('reads YAML and JSON, with paths relative to the config file', () => {
    const root = tempFolder();
    writeFileSync(join(root, 'advocacy.config.yaml'), 'company:\n  name: Nordlys\npaths:\n  out: reports/out\n');
    const yaml = loadConfig(findConfigFile(undefined, root), {});
    expect(yaml.paths.out).toBe(join(root, 'reports/out'));
    writeFileSync(join(root, 'other.json'), JSON.stringify({ company: { name: 'Nordlys' }, currency: 'EUR' }));
    expect(loadConfig(join(root, 'other.json'), {}).currency).toBe('EUR');
  });

  it('names the key, the value and what is allowed', () => {
    const check = (data: unknown) => () => validateConfig(data, { root: tempFolder(), env: {} });
    expect(check({ company: { name: 'X' }, attribution: { lookback_days: 'thirty' } })).toThrow(
      'Config key attribution.lookback_days has the value "thirty", which is not allowed; it must be a number.',
    );
    expect(check({ company: { name: 'X' }, attribution: { default_model: 'magic' } })).toThrow(
      /Config key attribution.default_model has the value "magic".*one of "last_touch", "first_touch"/,
    );
    expect(check({ company: { name: 'X' }, report: { colour: 'blue' } })).toThrow(
      'Unknown config key report.colour; check the spelling against the README\'s section "The config", which lists every key.',
    );
    expect(check({})).toThrow(/Config key company is missing/);
    expect(check({ company: { name: 'X' }, timezone: 'Mars/Olympus' })).toThrow(/timezone.*IANA time zone/);
  });

  it('config errors list every problem at once, each naming its key', () => {
    const data = {
      company: { name: 'X' },
      attribution: { lookback_days: 'thirty', default_model: 'magic' },
      report: { colour: 'blue' },
      ingest: { limits: { file_mb: 0 } },
    };
    const message = errorOf(() => validateConfig(data, { root: tempFolder(), file: '/srv/advocacy/advocacy.config.yaml', env: {} }));
    expect(message).toMatch(/^The config file \/srv\/advocacy\/advocacy\.config\.yaml has 4 problems: \(1\) /);
    expect(message).toContain('Config key attribution.lookback_days has the value "thirty", which is not allowed; it must be a number.');
    expect(message).toMatch(/Config key attribution\.default_model has the value "magic", which is not allowed; it must be one of "last_touch"/);
    expect(message).toContain('Unknown config key report.colour;');
    expect(message).toContain('Config key ingest.limits.file_mb has the value 0, which is not allowed; it must be at least 1.');
    expect(message).toContain('(4) ');
    expect(message.split('/srv/advocacy/advocacy.config.yaml')).toHaveLength(2);
  });

  it('config errors: an unknown key that is a near miss of a known key under the same parent gets "did you mean"', () => {
    const check = (data: unknown) => errorOf(() => validateConfig({ company: { name: 'X' }, ...(data as object) }, { root: tempFolder(), env: {} }));
    expect(check({ ingest: { settle_second: 30 } })).toBe('Unknown config key ingest.settle_second; did you mean `ingest.settle_seconds`?');
    expect(check({ curency: 'DKK' })).toBe('Unknown config key curency; did you mean `currency`?');
    expect(check({ ingest: { limits: { file_mbs: 10 } } })).toBe('Unknown config key ingest.limits.file_mbs; did you mean `ingest.limits.file_mb`?');
    expect(check({ contests: [{ name: 'Spring', start: '2026-03-01', end: '2026-03-31', cohort: ['pilot'] }] })).toBe(
      'Unknown config key contests.0.cohort; did you mean `contests.0.cohorts`?',
    );
    // A known key under another parent is no near miss: `settle_seconds` belongs to `ingest`.
    expect(check({ settle_seconds: 30 })).toMatch(/^Unknown config key settle_seconds; check the spelling against the README's section "The config"/);
  });

  it('reports a file that is not valid YAML, and a missing config, as config errors', () => {
    const root = tempFolder();
    writeFileSync(join(root, 'advocacy.config.yaml'), 'company: [unclosed\n');
    expect(() => loadConfig(join(root, 'advocacy.config.yaml'), {})).toThrow(ConfigError);
    expect(() => loadConfig(join(root, 'advocacy.config.yaml'), {})).toThrow(/is not valid YAML/);
    expect(() => findConfigFile(undefined, tempFolder())).toThrow(/No config found .* run "advocacy init"/);
  });

  it('keeps relative paths inside the config folder unless they are absolute', () => {
    const root = tempFolder();
    expect(() => validateConfig({ company: { name: 'X' }, paths: { out: '../../etc' } }, { root, env: {} })).toThrow(
      /paths.out: "..\/..\/etc" leads outside the config's folder/,
    );
    expect(validateConfig({ company: { name: 'X' }, paths: { out: '/tmp/reports' } }, { root, env: {} }).paths.out).toBe('/tmp/reports');
  });

  it('takes the salt from ADVOCACY_SALT before the config, and requires one to hash', () => {
    const root = tempFolder();
    expect(validateConfig({ company: { name: 'X' }, salt: 'from-config-1' }, { root, env: { ADVOCACY_SALT: 'from-env-12345' } }).salt).toBe('from-env-12345');
    const none = validateConfig({ company: { name: 'X' } }, { root, env: {} });
    expect(() => requireSalt(none)).toThrow(/No hashing salt is set/);
  });

  it('salt length: ADVOCACY_SALT needs 8 characters, as a config salt does', () => {
    const root = tempFolder();
    const short = () => validateConfig({ company: { name: 'X' } }, { root, env: { ADVOCACY_SALT: 'x' } });
    expect(short).toThrow(ConfigError);
    expect(short).toThrow(/ADVOCACY_SALT.*1 character.*at least 8/);
    expect(() => validateConfig({ company: { name: 'X' }, salt: 'long-enough-config-salt' }, { root, env: { ADVOCACY_SALT: 'seven77' } })).toThrow(
      /ADVOCACY_SALT/,
    );
    expect(() => validateConfig({ company: { name: 'X' }, salt: 'x' }, { root, env: {} })).toThrow(/salt.*at least 8/);
    expect(validateConfig({ company: { name: 'X' } }, { root, env: { ADVOCACY_SALT: 'eight888' } }).salt).toBe('eight888');
  });
});

/**
 * The cost of people's time is priced with the `costs.*` settings; a user who never set
 * them must still be able to see them, with their defaults, in README's config reference
 * and in the config `advocacy init` writes.
 */
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
