import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { memoryLogger } from '../../pipelines/log.ts';
import { createProgress, stageFields, terminalBar, trackStages, wantsBars, type BarRenderer } from '../../pipelines/progress.ts';

function recorder(): { events: string[]; renderer: () => BarRenderer } {
  const events: string[] = [];
  return {
    events,
    renderer: () => ({
      start: (total, label) => events.push(`start ${label} ${total}`),
      update: (done, detail) => events.push(`update ${done} ${detail}`),
      log: (line) => events.push(`log ${line}`),
      stop: () => events.push('stop'),
    }),
  };
}

describe('pipelines/progress', () => {
  it('draws bars only on a terminal, with text logs, when not quiet', () => {
    expect(wantsBars({ format: 'text', quiet: false, isTerminal: true })).toBe(true);
    expect(wantsBars({ format: 'text', quiet: false, isTerminal: false })).toBe(false);
    expect(wantsBars({ format: 'json', quiet: false, isTerminal: true })).toBe(false);
    expect(wantsBars({ format: 'text', quiet: true, isTerminal: true })).toBe(false);
  });

  it('starts a bar on a stage line, advances it on each file or model line, prints the lines above it and ends it with the stage', () => {
    const { events, renderer } = recorder();
    const log = memoryLogger();
    const progress = createProgress(log, { format: 'text', quiet: false, isTerminal: true }, renderer);
    progress.log.info('ingest: 2 files', stageFields('ingest', 2));
    progress.log.info('loaded a.csv as web.touchpoints: 10 rows');
    progress.log.error('b.csv is empty', { status: 'failed' });
    progress.log.info('building reports');
    progress.log.info('build: 1 models', stageFields('build', 1));
    progress.log.warn('slow model');
    progress.done();
    expect(events).toEqual([
      'start ingest 2',
      'log loaded a.csv as web.touchpoints: 10 rows',
      'update 1 loaded a.csv as web.touchpoints',
      'log error: b.csv is empty',
      'update 2 loaded (failed) ',
      'stop',
      'start build 1',
      'log warn: slow model',
      'stop',
    ]);
    // The stage lines and the lines after a finished stage go to the plain log.
    expect(log.lines).toEqual(['ingest: 2 files', 'building reports', 'build: 1 models']);
  });

  it('publishes where the run is: each stage as it starts, its steps at most every interval, and its last step always', () => {
    const published: { stage: string; done?: number; total?: number }[] = [];
    let clock = 0;
    const log = trackStages(
      memoryLogger(),
      (progress) => published.push(progress),
      250,
      () => clock,
    );
    log.info('ingest: 5 files', stageFields('ingest', 5));
    for (const file of ['a', 'b', 'c', 'd']) {
      clock += 100;
      log.info(`loaded ${file}.csv as program.ambassadors: 5 rows`);
    }
    clock += 10;
    log.error('bad.csv: no header', { status: 'failed' });
    log.info('building 2 models', stageFields('build', 2));
    log.info('built core.posts: 3 rows');
    log.info('report', { stage: 'report' });
    expect(published).toEqual([
      { stage: 'ingest', done: 0, total: 5 },
      // 300 ms after the stage started, then the fifth, the last.
      { stage: 'ingest', done: 3, total: 5 },
      { stage: 'ingest', done: 5, total: 5 },
      { stage: 'build', done: 0, total: 2 },
      { stage: 'report' },
    ]);
  });

  it('passes lines through unchanged when not on a terminal', () => {
    const log = memoryLogger();
    const { events, renderer } = recorder();
    const progress = createProgress(log, { format: 'text', quiet: false, isTerminal: false }, renderer);
    progress.log.info('build: 1 models', stageFields('build', 1));
    progress.log.info('built core.x (1 rows, 2 ms)');
    progress.done();
    expect(log.lines).toEqual(['build: 1 models', 'built core.x (1 rows, 2 ms)']);
    expect(events).toEqual([]);
  });

  it('draws a cli-progress bar with the stage, the count and the current step on a terminal stream', async () => {
    const stream = Object.assign(new PassThrough(), {
      isTTY: true,
      columns: 120,
      rows: 40,
      cursorTo: () => true,
      moveCursor: () => true,
      clearLine: () => true,
      clearScreenDown: () => true,
    });
    let written = '';
    stream.on('data', (chunk: Buffer) => (written += chunk.toString('utf8')));
    const bar = terminalBar(stream as unknown as NodeJS.WriteStream);
    bar.start(4, 'ingest');
    bar.update(3, 'loaded touchpoints_2026-05.csv as web.touchpoints');
    bar.log('loaded touchpoints_2026-05.csv as web.touchpoints: 10 rows');
    await new Promise((resolve) => setTimeout(resolve, 150));
    bar.stop();
    expect(written).toContain('loaded touchpoints_2026-05.csv as web.touchpoints: 10 rows\n');
    expect(written).toMatch(/ingest \[[^\]]+\] 3\/4 \| \d+s \| loaded touchpoints_2026-05\.csv as web\.touchpoints/);
  });
});
