/**
 * `npm run docs`: writes the README's "How each number is defined" table from the metrics
 * layer and its config reference from the config's schema, each between its two marker
 * comments.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { configReferenceMarkdown } from './config-reference.ts';
import { figuresMarkdown } from './explain.ts';

export const README_FILE = fileURLToPath(new URL('../README.md', import.meta.url));

/** The README with the text between `<!-- name:start … -->` and `<!-- name:end -->` replaced. */
function withSection(readme: string, name: string, text: string): string {
  const section = new RegExp(`(<!-- ${name}:start[^>]*-->\\n)[\\s\\S]*?(<!-- ${name}:end -->)`);
  if (!section.test(readme)) throw new Error(`README.md has no <!-- ${name}:start --> … <!-- ${name}:end --> markers`);
  return readme.replace(section, (_, start: string, end: string) => `${start}${text}\n${end}`);
}

/** The README with its figures section written from the registry. */
export function withFiguresSection(readme: string): string {
  return withSection(readme, 'figures', figuresMarkdown());
}

/** The README with its config reference written from the schema. */
export function withConfigSection(readme: string): string {
  return withSection(readme, 'config', configReferenceMarkdown());
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(README_FILE, withConfigSection(withFiguresSection(readFileSync(README_FILE, 'utf8'))), 'utf8');
}
