import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compiledSources } from '../../pipelines/compiled.mjs';
import { tempFolder } from '../helpers/warehouse.ts';

const REPOSITORY = join(import.meta.dirname, '../..');

/** What the compiled `src/main.js` answers, loaded by plain Node as the command loads it. */
function answerOf(folder: string): unknown {
  const script = `const { answer } = await import(${JSON.stringify(pathToFileURL(join(folder, 'src', 'main.js')).href)}); console.log(JSON.stringify(await answer()));`;
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '--eval', script], { encoding: 'utf8' }));
}

/** A clone in miniature: a build config, two TypeScript modules that import each other, SQL beside them and a file the build leaves out. */
function miniatureClone(): string {
  const root = tempFolder('compiled-');
  mkdirSync(join(root, 'src', 'models'), { recursive: true });
  mkdirSync(join(root, 'node_modules'), { recursive: true });
  symlinkSync(join(REPOSITORY, 'node_modules', 'esbuild'), join(root, 'node_modules', 'esbuild'));
  writeFileSync(join(root, 'tsconfig.build.json'), JSON.stringify({ include: ['src'], exclude: ['src/bench.ts'] }));
  writeFileSync(
    join(root, 'src', 'main.ts'),
    [
      "import { basename } from 'node:path';",
      "import { share, type Share } from './models/share.ts';",
      'export async function answer(): Promise<Share> {',
      "  const { later } = await import('./models/share.ts');",
      "  return { ...share(basename('/a/b.sql')), lazy: later() };",
      '}',
    ].join('\n'),
  );
  writeFileSync(
    join(root, 'src', 'models', 'share.ts'),
    [
      'export interface Share { file: string; lazy?: number }',
      'export const share = (file: string): Share => ({ file });',
      'export const later = (): number => 1;',
    ].join('\n'),
  );
  writeFileSync(join(root, 'src', 'models', 'shares.sql'), 'select 1 as one');
  writeFileSync(join(root, 'src', 'bench.ts'), 'export const x: number = 1;');
  return root;
}

describe('compiledSources', () => {
  it('compiles each module to JavaScript that imports its compiled neighbours, with the SQL beside it and without what the build leaves out', async () => {
    const root = miniatureClone();
    const folder = await compiledSources(root);
    expect(folder).toBeTruthy();
    expect(answerOf(folder!)).toEqual({ file: 'b.sql', lazy: 1 });
    expect(readFileSync(join(folder!, 'src', 'models', 'shares.sql'), 'utf8')).toBe('select 1 as one');
    expect(existsSync(join(folder!, 'src', 'bench.js'))).toBe(false);
    expect(folder!.startsWith(join(root, 'node_modules', '.cache', 'advocacy'))).toBe(true);
  });

  it('reuses the compiled tree while the sources are unchanged, and compiles a new one when a file changes', async () => {
    const root = miniatureClone();
    const first = await compiledSources(root);
    writeFileSync(join(first!, 'marker'), '');
    expect(await compiledSources(root)).toBe(first);

    writeFileSync(
      join(root, 'src', 'models', 'share.ts'),
      "export const share = (file: string) => ({ file: 'changed ' + file });\nexport const later = () => 2;",
    );
    const second = await compiledSources(root);
    expect(second).not.toBe(first);
    expect(answerOf(second!)).toEqual({ file: 'changed b.sql', lazy: 2 });
  });

  it('gives null when the sources cannot be compiled, so the command loads the TypeScript itself', async () => {
    const root = miniatureClone();
    writeFileSync(join(root, 'src', 'main.ts'), 'export const broken = ;');
    expect(await compiledSources(root)).toBeNull();
    expect(await compiledSources(tempFolder('no-clone-'))).toBeNull();
  });
});
