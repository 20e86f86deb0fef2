import { describe, expect, it } from 'vitest';
import { helpText, main } from '../../pipelines/cli.ts';
import { ExitCode } from '../../pipelines/errors.ts';

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
});
