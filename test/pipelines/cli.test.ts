import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { helpText, main } from '../../pipelines/cli.ts';
import { ExitCode } from '../../pipelines/errors.ts';
import { tempFolder } from '../helpers/warehouse.ts';

const BIN = join(import.meta.dirname, '../../pipelines/advocacy.mjs');

function advocacy(args: string[], cwd: string, env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, ...env } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

async function capture(argv: string[]) {
  const lines: string[] = [];
  const code = await main(argv, (line) => lines.push(line));
  return { code, output: lines.join('\n') };
}

describe('pipelines/cli', () => {
  it('lists every command in its help, and each command has its own', async () => {
    const commands = ['init', 'ingest', 'build', 'report', 'run', 'rebuild', 'status', 'check', 'attribution', 'explain', 'demo'];
    for (const command of commands) expect(helpText()).toContain(`  ${command}`);
    for (const command of commands) {
      const { code, output } = await capture([command, '--help']);
      expect(code).toBe(ExitCode.ok);
      expect(output).toMatch(/^Usage: advocacy /);
      expect(output).toContain('--config FILE');
    }
  });

  it('exits non-zero with one sentence for an unknown command or option', () => {
    const cwd = tempFolder();
    const unknown = advocacy(['frobnicate'], cwd);
    expect(unknown.status).toBe(ExitCode.usage);
    expect(unknown.stderr.trim()).toBe(
      'advocacy: unknown command "frobnicate"; the commands are init, ingest, build, report, run, rebuild, status, check, attribution, explain, demo.',
    );
    const option = advocacy(['build', '--fast'], cwd);
    expect(option.status).toBe(ExitCode.usage);
    expect(option.stderr.trim().split('\n')).toHaveLength(1);
    expect(option.stderr).toMatch(/Unknown option '--fast'.*see "--help"/);
  });

  it('a reader that goes away ("advocacy run | head") does not stop the run halfway: it finishes, logs the run done and releases the lock', async () => {
    const cwd = tempFolder();
    mkdirSync(join(cwd, 'inbox'));
    for (const name of ['ambassadors.csv', 'share_log.csv', 'content.csv'])
      copyFileSync(join(import.meta.dirname, '../../fixtures/exports/program', name), join(cwd, 'inbox', name));
    writeFileSync(join(cwd, 'advocacy.config.json'), JSON.stringify({ company: { name: 'Nordlys Energi A/S' }, ingest: { settle_seconds: 0 } }));
    const child = spawn(process.execPath, [BIN, 'run', '--config', 'advocacy.config.json'], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    // The reader takes the first line and closes the pipe, as `head -1` does.
    child.stdout.once('data', () => child.stdout.destroy());
    child.stderr.once('data', () => child.stderr.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(ExitCode.ok);
    expect(existsSync(join(cwd, 'warehouse/advocacy.duckdb.lock'))).toBe(false);
    expect(existsSync(join(cwd, 'out/latest/leadership.html'))).toBe(true);
    const status = advocacy(['status', '--config', 'advocacy.config.json'], cwd);
    expect(status.stdout).toMatch(/#1 run .*: done in/);
  });

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

  it('an unknown --source is a usage error (exit code 2), with the message that lists the sources', () => {
    const cwd = tempFolder();
    writeFileSync(join(cwd, 'advocacy.config.yaml'), 'company:\n  name: Nordlys\nsalt: cli-test-salt\n');
    writeFileSync(join(cwd, 'roster.csv'), 'ambassador_id,name\nA001,Example Person\n');
    const result = advocacy(['ingest', 'roster.csv', '--source', 'program.ambassador'], cwd);
    expect(result.status).toBe(ExitCode.usage);
    expect(result.stderr.trim()).toMatch(/^error: There is no source named "program\.ambassador"; the sources are .*program\.ambassadors/);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('a malformed config gives one sentence naming the key and what is allowed', () => {
    const cwd = tempFolder();
    writeFileSync(join(cwd, 'advocacy.config.yaml'), 'company:\n  name: Nordlys\nattribution:\n  lookback_days: -3\n');
    const result = advocacy(['status'], cwd);
    expect(result.status).toBe(ExitCode.config);
    expect(result.stderr.trim()).toMatch(
      /^error: Config key attribution\.lookback_days has the value -3 in .*advocacy\.config\.yaml, which is not allowed; it must be/,
    );
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('an unknown file gives a clear message and the bad-input exit code, and the rest of the run goes on', () => {
    const cwd = tempFolder();
    writeFileSync(join(cwd, 'advocacy.config.yaml'), 'company:\n  name: Nordlys\nsalt: cli-test-salt\n');
    writeFileSync(join(cwd, 'weather.csv'), 'city,temperature\nAarhus,4\n');
    const result = advocacy(['ingest', 'weather.csv'], cwd);
    expect(result.status).toBe(ExitCode.badInput);
    expect(result.stderr).toMatch(/weather\.csv is not a format the pipeline knows/);
    expect(result.stdout).toMatch(/files: 0 loaded, 0 already loaded \(nothing to do\), 1 failed/);
    const status = advocacy(['status'], cwd);
    expect(status.status).toBe(0);
    expect(status.stdout).toMatch(/Files that could not be loaded:\n {2}weather\.csv: weather\.csv is not a format/);
  });
});
