import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverModels, MODEL_LAYERS, MODELS_DIR, parseSqlModel, type ModelLayer } from '../models/runner.ts';

const ROOT = join(MODELS_DIR, '..');

function files(dir: string, suffix: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(join(dir, entry.name), suffix) : entry.name.endsWith(suffix) ? [join(dir, entry.name)] : [],
  );
}

describe('models: layer rules', () => {
  const staging = files(join(MODELS_DIR, 'staging'), '.sql');

  it('staging models only rename and cast: a view over one raw table, with no join or aggregation', () => {
    expect(staging.length).toBeGreaterThan(20);
    for (const path of staging) {
      const model = parseSqlModel(readFileSync(path, 'utf8'), relative(MODELS_DIR, path));
      const body = model.sql.replace(/--.*$/gm, '');
      expect({ file: model.file, join: /\bjoin\b/i.test(body), groupBy: /\bgroup by\b/i.test(body) }).toEqual({
        file: model.file,
        join: false,
        groupBy: false,
      });
      expect({ file: model.file, materialized: model.materialized, dependsOn: model.dependsOn.length }).toEqual({
        file: model.file,
        materialized: 'view',
        dependsOn: 1,
      });
      expect(model.dependsOn[0], model.file).toMatch(/^raw\./);
    }
  });

  it('every model names its grain, and a staging model is named stg_<source>__<entity>', () => {
    for (const path of files(MODELS_DIR, '.sql').filter((file) => !file.includes('/macros/'))) {
      const model = parseSqlModel(readFileSync(path, 'utf8'), relative(MODELS_DIR, path));
      expect(model.grain, model.file).toBeTruthy();
      if (model.layer === 'staging') expect(model.name, model.file).toMatch(/^stg_[a-z0-9]+__[a-z0-9_]+$/);
    }
  });

  it('models/lib holds code the models use and no model of its own', () => {
    expect([...files(join(MODELS_DIR, 'lib'), '.sql'), ...files(join(MODELS_DIR, 'lib'), '.model.ts')]).toEqual([]);
    expect(files(join(MODELS_DIR, 'lib'), '.ts').length).toBeGreaterThan(10);
  });

  it('an intermediate model is named int_<entity>_<verb> and reads staging, core and other intermediate models only', () => {
    const intermediate = files(join(MODELS_DIR, 'intermediate'), '.sql');
    expect(intermediate.length).toBeGreaterThan(0);
    for (const path of intermediate) {
      const model = parseSqlModel(readFileSync(path, 'utf8'), relative(MODELS_DIR, path));
      expect(model.name, model.file).toMatch(/^int_[a-z0-9]+(_[a-z0-9]+)+$/);
      expect({ file: model.file, reads: model.dependsOn.filter((id) => !/^(staging|core|intermediate)\./.test(id)) }).toEqual({ file: model.file, reads: [] });
    }
  });

  it('a model reads its own layer or the layers before it (staging, core, intermediate, marts), never a later one', async () => {
    const models = await discoverModels();
    expect(models.some((model) => model.layer === 'intermediate')).toBe(true);
    for (const model of models) {
      const later = model.dependsOn.filter((id) => MODEL_LAYERS.indexOf(id.split('.')[0] as ModelLayer) > MODEL_LAYERS.indexOf(model.layer));
      expect({ model: model.id, later }).toEqual({ model: model.id, later: [] });
    }
  });

  it('reports read marts only, never staging or core', () => {
    for (const path of files(join(ROOT, 'reports'), '.ts')) {
      const text = readFileSync(path, 'utf8');
      expect({ file: relative(ROOT, path), reads: text.match(/\bfrom\s+(staging|core|intermediate|raw)\.\w+/gi) ?? [] }).toEqual({
        file: relative(ROOT, path),
        reads: [],
      });
    }
  });
});
