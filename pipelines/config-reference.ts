/**
 * The config reference, read from the schema in config.ts: every key with its type, default
 * and meaning (each key's `.describe()`), written as the README's table and as the commented
 * config `advocacy init` writes, so neither can say something the schema does not.
 */
import { stringify } from 'yaml';
import { z } from 'zod';
import { configSchema } from './config.ts';

/** The parts of the schema's JSON Schema the reference reads. */
interface SchemaNode {
  type?: string;
  description?: string;
  default?: unknown;
  examples?: unknown[];
  enum?: unknown[];
  properties?: Record<string, SchemaNode>;
  required?: string[];
  items?: SchemaNode;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minLength?: number;
  maxLength?: number;
}

export interface ConfigKey {
  /** Dotted, with `[]` for the items of a list: `emv.rates[].rate`. */
  key: string;
  type: string;
  /** The default as YAML; null for a key without one. */
  default: string | null;
  /** A key without a default that must be given. */
  required: boolean;
  meaning: string;
}

const ROOT = z.toJSONSchema(configSchema, { io: 'input', unrepresentable: 'any' }) as SchemaNode;

/** Every key of the config, sections and items of lists included, in the schema's order. */
export function configKeys(): ConfigKey[] {
  return keysOf(ROOT, '');
}

function keysOf(parent: SchemaNode, prefix: string): ConfigKey[] {
  return Object.entries(parent.properties ?? {}).flatMap(([name, node]) => {
    const key = `${prefix}${name}`;
    const own: ConfigKey = { key, type: typeOf(node), default: defaultOf(node), required: isRequired(parent, name), meaning: meaningOf(node, key) };
    if (node.properties) return [own, ...keysOf(node, `${key}.`)];
    if (node.items?.properties) return [own, ...keysOf(node.items, `${key}[].`)];
    return [own];
  });
}

function meaningOf(node: SchemaNode, key: string): string {
  if (!node.description) throw new Error(`The config key ${key} has no description in the schema; give it one with .describe().`);
  return node.description;
}

function defaultOf(node: SchemaNode): string | null {
  return node.properties || node.default === undefined ? null : inlineYaml(node.default);
}

function isRequired(parent: SchemaNode, name: string): boolean {
  return parent.required?.includes(name) ?? false;
}

/** A key's default as the README and the starter config's notes say it. */
function defaultText(key: Pick<ConfigKey, 'default' | 'required'>): string {
  if (key.default !== null) return `default ${key.default}`;
  return key.required ? 'required' : 'default none';
}

function typeOf(node: SchemaNode): string {
  if (node.enum) return `one of ${node.enum.map((value) => `\`${String(value)}\``).join(', ')}`;
  switch (node.type) {
    case 'object':
      return 'section';
    case 'array':
      if (node.items?.properties) return 'list';
      if (node.items?.enum) return `list of ${node.items.enum.map((value) => `\`${String(value)}\``).join(', ')}`;
      return `list of ${node.items?.type ?? 'value'}s`;
    case 'integer':
    case 'number':
      return [node.type, bounds(node)].filter(Boolean).join(' ');
    case 'string':
      if (node.minLength !== undefined && node.minLength === node.maxLength) return `string of ${node.minLength} characters`;
      if ((node.minLength ?? 0) > 1) return `string of ${node.minLength}+ characters`;
      return 'string';
    default:
      return node.type ?? 'value';
  }
}

function bounds(node: SchemaNode): string {
  const maximum = node.maximum === undefined || node.maximum >= Number.MAX_SAFE_INTEGER ? undefined : node.maximum;
  const minimum = node.minimum === undefined || node.minimum <= -Number.MAX_SAFE_INTEGER ? undefined : node.minimum;
  if (minimum !== undefined && maximum !== undefined) return `${minimum}–${maximum}`;
  const lower = minimum !== undefined ? `≥ ${minimum}` : node.exclusiveMinimum !== undefined ? `> ${node.exclusiveMinimum}` : '';
  return [lower, maximum !== undefined ? `≤ ${maximum}` : ''].filter(Boolean).join(', ');
}

function inlineYaml(value: unknown): string {
  return stringify(value, { collectionStyle: 'flow', flowCollectionPadding: false, lineWidth: 0 }).trimEnd();
}

/** The README's table of every key. */
export function configReferenceMarkdown(): string {
  const cell = (text: string) => text.replaceAll('|', '\\|');
  const defaultCell = (key: ConfigKey) => {
    if (key.default !== null) return `\`${cell(key.default)}\``;
    if (key.type === 'section') return '';
    return key.required ? '(required)' : 'none';
  };
  const rows = configKeys().map((key) => `| \`${key.key}\` | ${defaultCell(key)} | ${cell(key.type)} | ${cell(key.meaning)} |`);
  return ['| key | default | type | meaning |', '|---|---|---|---|', ...rows].join('\n');
}

const STARTER_HEADER = `# advocacy.config.yaml: the employee-advocacy pipeline's settings.
# Each key is shown under its meaning and type, set to its default (a key without one, to an
# example, and its note says so); uncomment a line only to change it. Every key but
# company.name has a default. Paths are relative to this file's folder.`;

const COMMENT_WIDTH = 100;

/**
 * The config `advocacy init` writes: each key under its meaning, set to its default (or, where
 * it has none, an example). Only the required keys are live; every other section is
 * commented out whole, so uncommenting a section's lines gives a valid config.
 */
export function starterConfig(): string {
  const sections = Object.entries(ROOT.properties ?? {}).map(([name, node]) => {
    const required = isRequired(ROOT, name);
    const [meaning, body] = keyLines(name, node, required, '', name);
    return [...meaning, ...(required ? body : body.map((line) => `# ${line}`))].join('\n');
  });
  return `${STARTER_HEADER}\n\n${sections.join('\n\n')}\n`;
}

/**
 * A key's meaning as comment lines, and the key with its value as YAML lines (the meaning of
 * each key inside it among them as comments).
 */
function keyLines(name: string, node: SchemaNode, required: boolean, indent: string, key: string): [meaning: string[], value: string[]] {
  const inner = `${indent}  `;
  if (node.properties) {
    const children = Object.entries(node.properties).flatMap(([child, childNode]) =>
      keyLines(child, childNode, isRequired(node, child), inner, `${key}.${child}`).flat(),
    );
    return [comment(meaningOf(node, key), indent), [`${indent}${name}:`, ...children]];
  }
  const example = node.examples?.[0];
  const showsExample = example !== undefined && (node.default === undefined || (Array.isArray(node.default) && node.default.length === 0));
  const value = showsExample ? example : node.default;
  if (value === undefined) throw new Error(`The config key ${key} has neither a default nor an example for the starter config.`);
  const note = showsExample ? `; ${defaultText({ default: defaultOf(node), required })}; the value below is an example` : '';
  const meaning = comment(`${meaningOf(node, key)} (${typeOf(node)}${note})`, indent);
  if (node.items?.properties && Array.isArray(value) && value.length > 0) {
    const items = node.items;
    const itemKeys = Object.entries(items.properties ?? {}).flatMap(([item, itemNode]) => {
      const itemDefault = defaultText({ default: defaultOf(itemNode), required: isRequired(items, item) });
      return comment(`${item} (${typeOf(itemNode)}, ${itemDefault}): ${meaningOf(itemNode, `${key}[].${item}`)}`, inner);
    });
    return [meaning, [`${indent}${name}:`, ...itemKeys, ...value.map((item) => `${inner}- ${inlineYaml(item)}`)]];
  }
  return [meaning, [`${indent}${name}: ${inlineYaml(value)}`]];
}

function comment(text: string, indent: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && indent.length + 2 + line.length + 1 + word.length > COMMENT_WIDTH) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines.map((text) => `${indent}# ${text}`);
}
