/**
 * The SQL models' one layout: every `.sql` file under models/ is written as sql-formatter
 * writes it in DuckDB's dialect, lower-case keywords, two-space indents.
 * `npm run lint` checks it (and TypeScript's, with Biome); `npm run format` rewrites.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'sql-formatter';

const ROOT = resolve(import.meta.dirname, '../..');

export function formatSql(text: string): string {
  const formatted = format(text, {
    language: 'duckdb',
    keywordCase: 'lower',
    dataTypeCase: 'lower',
    functionCase: 'lower',
    identifierCase: 'preserve',
    tabWidth: 2,
    expressionWidth: 100,
  });
  return `${formatted}\n`;
}

/** Every SQL file of the models, as paths relative to the repository. */
export function sqlFiles(folder = join(ROOT, 'models')): string[] {
  return readdirSync(folder, { recursive: true })
    .map(String)
    .filter((path) => path.endsWith('.sql'))
    .map((path) => relative(ROOT, join(folder, path)))
    .sort();
}

/** The SQL files whose text is not as the formatter writes it. */
export function unformattedSqlFiles(files = sqlFiles()): string[] {
  return files.filter((file) => {
    const text = readFileSync(join(ROOT, file), 'utf8');
    return formatSql(text) !== text;
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const write = process.argv.includes('--write');
  const unformatted = unformattedSqlFiles();
  if (write) for (const file of unformatted) writeFileSync(join(ROOT, file), formatSql(readFileSync(join(ROOT, file), 'utf8')));
  else if (unformatted.length > 0) {
    console.error(`${unformatted.length} SQL files are not formatted (npm run format rewrites them):\n${unformatted.join('\n')}`);
    process.exitCode = 1;
  }
  console.error(`${write ? 'formatted' : 'checked'} ${write ? unformatted.length : sqlFiles().length} SQL files`);
}
