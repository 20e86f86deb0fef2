import { describe, expect, it } from 'vitest';
import { memoryLogger } from '../../pipelines/log.ts';
import { createProgress, wantsBars, type BarRenderer } from '../../pipelines/progress.ts';

function recorder(): BarRenderer & { events: string[] } {
  const events: string[] = [];
  return {
    events,
    start: (total, label) => events.push(`start ${label} ${total}`),
    update: (done, detail) => events.push(`update ${done} ${detail}`),
    log: (line) => events.push(`log ${line}`),
    stop: () => events.push('stop'),
  };
}

describe('pipelines/progress', () => {
  it('draws bars only on a terminal, with text logs, when not quiet', () => {
    expect(wantsBars({ format: 'text', quiet: false, isTerminal: true })).toBe(true);
    expect(wantsBars({ format: 'text', quiet: false, isTerminal: false })).toBe(false);
    expect(wantsBars({ format: 'json', quiet: false, isTerminal: true })).toBe(false);
    expect(wantsBars({ format: 'text', quiet: true, isTerminal: true })).toBe(false);
  });

  it('advances the bar on each file or model line and prints the lines above it', () => {
    const renderer = recorder();
    const progress = createProgress(memoryLogger(), { format: 'text', quiet: false, isTerminal: true }, renderer);
    progress.stage('ingest', 2);
    progress.log.info('loaded a.csv as web.touchpoints: 10 rows');
    progress.log.error('b.csv is empty', { status: 'failed' });
    progress.done();
    expect(renderer.events).toEqual([
      'start ingest 2',
      'log loaded a.csv as web.touchpoints: 10 rows',
      'update 1 loaded a.csv as web.touchpoints',
      'log error: b.csv is empty',
      'update 2 loaded (failed) ',
      'stop',
    ]);
  });

  it('passes lines through unchanged when not on a terminal', () => {
    const log = memoryLogger();
    const progress = createProgress(log, { format: 'text', quiet: false, isTerminal: false }, recorder());
    progress.stage('build', 1);
    progress.log.info('built core.x (1 rows, 2 ms)');
    expect(log.lines).toEqual(['built core.x (1 rows, 2 ms)']);
  });
});
