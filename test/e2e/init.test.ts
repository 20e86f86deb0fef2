/** `advocacy init` as a user runs it: the starter config, its folders and the templates, where --config says, never overwritten. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../../pipelines/errors.ts';
import { advocacyProcess as advocacy } from '../helpers/cli.ts';
import { tempFolder } from '../helpers/warehouse.ts';

describe('advocacy init', () => {
  it('init writes a commented starter config, its folders and the templates, and never overwrites', () => {
    const cwd = tempFolder();
    const first = advocacy(['init'], cwd);
    expect(first.status).toBe(0);
    const config = readFileSync(join(cwd, 'advocacy.config.yaml'), 'utf8');
    expect(config).toMatch(/^# advocacy\.config\.yaml/);
    for (const dir of ['inbox', 'archive', 'warehouse', 'out', 'templates/ambassadors.csv', 'templates/goals.csv']) {
      expect(existsSync(join(cwd, dir))).toBe(true);
    }
    const again = advocacy(['init'], cwd);
    expect(again.status).toBe(ExitCode.usage);
    expect(again.stderr).toMatch(/already exists/);
  });

  it('init --config DIR/advocacy.config.yaml creates DIR and writes the config, its folders and templates/ there, not here', () => {
    const cwd = tempFolder();
    const target = join(tempFolder(), 'programs', 'nordlys');
    const result = advocacy(['init', '--config', join(target, 'advocacy.config.yaml')], cwd);
    expect(result.status).toBe(0);
    for (const path of ['advocacy.config.yaml', 'inbox', 'archive', 'warehouse', 'out', 'templates/ambassadors.csv']) {
      expect(existsSync(join(target, path)), path).toBe(true);
    }
    expect(readdirSync(cwd)).toEqual([]);
    expect(result.stdout).toContain(`wrote ${join(target, 'advocacy.config.yaml')}`);
    const relative = advocacy(['init', '--config', 'sub/advocacy.config.yaml'], cwd);
    expect(relative.status).toBe(0);
    expect(existsSync(join(cwd, 'sub/templates/goals.csv'))).toBe(true);
    const json = advocacy(['init', '--config', 'other/advocacy.config.json'], cwd);
    expect(json.status).toBe(ExitCode.usage);
    expect(json.stderr).toMatch(/writes a commented YAML config; name it with \.yaml/);
    expect(existsSync(join(cwd, 'other'))).toBe(false);
  });
});
