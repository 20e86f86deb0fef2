/**
 * `npm run docs`: writes the README's "How each number is defined" table from the metrics
 * layer, between its two marker comments.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { figuresMarkdown } from './explain.ts';

export const README_FILE = fileURLToPath(new URL('../README.md', import.meta.url));
const SECTION = /(<!-- figures:start[^>]*-->\n)[\s\S]*?(<!-- figures:end -->)/;

/** The README with its figures section written from the registry. */
export function withFiguresSection(readme: string): string {
  if (!SECTION.test(readme)) throw new Error('README.md has no <!-- figures:start --> … <!-- figures:end --> markers');
  return readme.replace(SECTION, (_, start: string, end: string) => `${start}${figuresMarkdown()}\n${end}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(README_FILE, withFiguresSection(readFileSync(README_FILE, 'utf8')), 'utf8');
}
