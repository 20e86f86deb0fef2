/**
 * The browser side of the interactive charts: Vega, Vega-Lite and vega-embed's browser
 * builds, read from node_modules and inlined into each report (no network), and the
 * small script that embeds every chart over its static SVG. Both go into the page as
 * inline scripts allowed by their SHA-256 hashes in the Content-Security-Policy.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** The package's folder (walking up from its entry point to the package.json that names it). */
function packageRoot(name: string): string {
  let folder = dirname(require.resolve(name));
  for (;;) {
    const manifest = join(folder, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === name) return folder;
    const parent = dirname(folder);
    if (parent === folder) throw new Error(`cannot find the folder of the package ${name}`);
    folder = parent;
  }
}

/** The browser builds, in load order: vega, then vega-lite (needs vega), then vega-embed (needs both). */
const BROWSER_BUILDS = [
  ['vega', 'build/vega.min.js'],
  ['vega-lite', 'build/vega-lite.min.js'],
  ['vega-embed', 'build/vega-embed.min.js'],
] as const;

/** `'sha256-…'`, the CSP source expression that allows exactly this inline script. */
export function cspHash(script: string): string {
  return `'sha256-${createHash('sha256').update(script, 'utf8').digest('base64')}'`;
}

/**
 * Embeds each `[data-chart]` figure's spec (from the JSON block `#chart-specs`) with
 * vega-embed, in Vega's expression interpreter (`ast: true`: no eval, so the CSP needs no
 * 'unsafe-eval'), then shows it in place of the static SVG. A chart that fails keeps its
 * static SVG and logs the error.
 */
export const EMBED_SCRIPT = `(function () {
  'use strict';
  var block = document.getElementById('chart-specs');
  if (!block || typeof vegaEmbed !== 'function') return;
  var specs = JSON.parse(block.textContent || '{}');
  document.documentElement.classList.add('interactive');
  var figures = document.querySelectorAll('[data-chart]');
  Array.prototype.forEach.call(figures, function (figure) {
    var name = figure.getAttribute('data-chart');
    var target = figure.querySelector('.plot-interactive');
    var fallback = figure.querySelector('.plot-static');
    var spec = specs[name];
    if (!spec || !target) return;
    var untitled = Object.assign({}, spec);
    delete untitled.title;
    vegaEmbed(target, untitled, { renderer: 'svg', actions: false, ast: true })
      .then(function () {
        target.hidden = false;
        if (fallback) fallback.hidden = true;
        figure.setAttribute('data-interactive', 'ready');
      })
      .catch(function (error) {
        figure.setAttribute('data-interactive', 'failed');
        console.error('chart ' + name + ' could not be made interactive: ' + (error && error.message ? error.message : error));
      });
  });
})();`;

export interface InteractiveBundle {
  /** The three libraries, concatenated. */
  library: string;
  /** Their versions, for the footer and the fingerprint. */
  versions: Record<string, string>;
}

let cached: InteractiveBundle | undefined;

/** Reads the browser builds once per process. */
export function interactiveBundle(): InteractiveBundle {
  if (cached) return cached;
  const parts: string[] = [];
  const versions: Record<string, string> = {};
  for (const [name, file] of BROWSER_BUILDS) {
    const root = packageRoot(name);
    const code = readFileSync(join(root, file), 'utf8');
    // Inline script text must not be able to end the element or open an HTML comment.
    if (/<\/script|<!--/i.test(code)) throw new Error(`${name}/${file} contains "</script" or "<!--" and cannot be inlined`);
    parts.push(`/* ${name} */\n${code}`);
    versions[name] = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
  }
  cached = { library: parts.join('\n;\n'), versions };
  return cached;
}

/** JSON that is safe as the text of a `<script type="application/json">`: `<` written as `\\u003c`. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
