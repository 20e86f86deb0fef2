/**
 * The metrics layer's registry (models/metrics/figures.ts): every figure defined once, in
 * both languages, and the README's definitions in step with it. What the figures come to
 * on the demo program is tested in test/e2e/demo-figures.test.ts.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FIGURES } from '../../../models/metrics/figures.ts';
import { figuresMarkdown } from '../../../pipelines/explain.ts';
import { README_FILE, withFiguresSection } from '../../../pipelines/readme.ts';

/** The figures every report must be able to state, by id. */
const REQUIRED = [
  'value_total',
  'cost_total',
  'roi',
  'roi_low',
  'roi_high',
  'emv',
  'impressions',
  'posts',
  'ambassadors_enrolled',
  'ambassadors_active',
  'sessions_from_links',
  'sessions_total',
  'leads_credited',
  'leads_total',
  'conversions_credited',
  'applications_credited',
  'applications_total',
  'hires_credited',
];

describe('the metrics layer (models/metrics/figures.ts, marts.figures)', () => {
  it('defines every required figure once, each with both languages, a unit and a source', () => {
    const ids = FIGURES.map((definition) => definition.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(REQUIRED));
    for (const definition of FIGURES) {
      expect(definition.label.en && definition.label.da && definition.definition.en && definition.definition.da).toBeTruthy();
      expect(definition.label.da).not.toBe(definition.definition.da);
    }
  });

  it('gives two quantities two labels: no label names two figures', () => {
    for (const language of ['en', 'da'] as const) {
      const labels = FIGURES.map((definition) => definition.label[language].toLowerCase());
      expect(new Set(labels).size).toBe(labels.length);
    }
  });

  it('keeps the README\'s "How each number is defined" in step with the registry (run "npm run docs" after editing it)', () => {
    const readme = readFileSync(README_FILE, 'utf8');
    expect(withFiguresSection(readme)).toBe(readme);
    expect(readme).toContain(figuresMarkdown());
  });
});
