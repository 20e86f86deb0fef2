/**
 * The config: one YAML or JSON file, validated at start. Every key but `company.name`
 * has a default, so a config names only what differs. Paths are relative to the
 * config file's folder.
 */
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve, sep } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { ConfigError } from './errors.ts';

export const ATTRIBUTION_MODELS = [
  'last_touch',
  'first_touch',
  'linear',
  'time_decay',
  'position_based',
  'markov',
  'shapley',
  'fractribution',
] as const;
export type AttributionModel = (typeof ATTRIBUTION_MODELS)[number];

export const OUTCOME_KINDS = ['lead', 'conversion', 'application', 'hire'] as const;
export type OutcomeKind = (typeof OUTCOME_KINDS)[number];

/** Shorter salts make the hashes of e-mails guessable by trying addresses. */
const MIN_SALT_LENGTH = 8;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date written YYYY-MM-DD');

const emvRate = z
  .object({
    platform: z.enum(['linkedin', 'facebook']),
    metric: z.enum(['impressions', 'clicks', 'reactions', 'comments', 'shares']),
    /** CPM (per 1,000) for impressions, per unit for the others. */
    rate: z.number().nonnegative(),
    currency: z.string().length(3).optional(),
    valid_from: isoDate.default('2000-01-01'),
  })
  .strict();

/** EMV rates as a Danish B2B program would price them (DKK); override per company. */
const DEFAULT_EMV_RATES: z.input<typeof emvRate>[] = [
  { platform: 'linkedin', metric: 'impressions', rate: 60 },
  { platform: 'linkedin', metric: 'clicks', rate: 12 },
  { platform: 'linkedin', metric: 'reactions', rate: 3 },
  { platform: 'linkedin', metric: 'comments', rate: 8 },
  { platform: 'linkedin', metric: 'shares', rate: 12 },
  { platform: 'facebook', metric: 'impressions', rate: 40 },
  { platform: 'facebook', metric: 'clicks', rate: 6 },
  { platform: 'facebook', metric: 'reactions', rate: 1.5 },
  { platform: 'facebook', metric: 'comments', rate: 4 },
  { platform: 'facebook', metric: 'shares', rate: 6 },
];

export const configSchema = z
  .object({
    company: z
      .object({
        name: z.string().min(1, 'the company name, as posts and headlines spell it'),
        aliases: z.array(z.string().min(1)).default([]),
      })
      .strict(),
    currency: z.string().length(3, 'a three-letter currency code such as DKK').default('DKK'),
    locale: z.string().min(2).default('da-DK'),
    timezone: z
      .string()
      .refine(isTimeZone, 'an IANA time zone such as Europe/Copenhagen')
      .default('Europe/Copenhagen'),
    /** Salt for hashing leads' and candidates' e-mails and names; `ADVOCACY_SALT` overrides. */
    salt: z.string().min(MIN_SALT_LENGTH, `at least ${MIN_SALT_LENGTH} characters`).optional(),
    paths: z
      .object({
        inbox: z.string().default('inbox'),
        archive: z.string().default('archive'),
        warehouse: z.string().default('warehouse/advocacy.duckdb'),
        out: z.string().default('out'),
      })
      .strict()
      .prefault({}),
    emv: z
      .object({ rates: z.array(emvRate).prefault(DEFAULT_EMV_RATES) })
      .strict()
      .prefault({}),
    outcomes: z
      .object({
        /** Value of one outcome of each kind where the outcome carries none (hire: the cost per hire it saves). */
        unit_values: z
          .object({
            lead: z.number().nonnegative().default(1500),
            conversion: z.number().nonnegative().default(5000),
            application: z.number().nonnegative().default(750),
            hire: z.number().nonnegative().default(45000),
          })
          .strict()
          .prefault({}),
        /**
         * CRM records that are not leads, though the export lists them: a HubSpot contact in
         * one of these lifecycle stages or with one of these lead statuses, a Salesforce lead
         * with one of these statuses. Compared without regard to case, spaces and punctuation,
         * so a label (`Marketing Qualified Lead`) matches its internal value too.
         */
        lead_stages: z
          .object({
            /** A subscriber only signed up for a newsletter or blog; `other` is HubSpot's stage for partners, staff and the like. */
            exclude_hubspot_lifecycle_stages: z.array(z.string().min(1)).default(['subscriber', 'other']),
            /** Unqualified: sales found no prospect behind the record (spam, a student, a job seeker, a competitor). */
            exclude_hubspot_lead_statuses: z.array(z.string().min(1)).default(['unqualified']),
            exclude_salesforce_lead_statuses: z.array(z.string().min(1)).default(['unqualified']),
          })
          .strict()
          .prefault({}),
        /**
         * Leads with the same e-mail within this many days of the person's first are one
         * lead, the first (a person in both HubSpot and Salesforce is one lead).
         */
        same_person_window_days: z.number().int().nonnegative().max(3650).default(90),
      })
      .strict()
      .prefault({}),
    attribution: z
      .object({
        /** The URL parameter whose value names the ambassador. */
        parameter: z.enum(['utm_content', 'utm_term', 'utm_campaign', 'utm_source']).default('utm_content'),
        lookback_days: z.number().int().positive().max(365).default(30),
        half_life_days: z.number().positive().max(365).default(7),
        ignore_direct: z.boolean().default(true),
        markov_order: z.number().int().min(1).max(4).default(1),
        default_model: z.enum(ATTRIBUTION_MODELS).default('last_touch'),
      })
      .strict()
      .prefault({}),
    ingest: z
      .object({
        /** A file whose share of rejected rows exceeds this is rejected whole, when at least `min_rejected_rows` rows are. */
        max_rejected_share: z.number().min(0).max(1).default(0.2),
        /** Fewer rejected rows than this never refuse a file whole: a small file's one bad row is that row's problem. */
        min_rejected_rows: z.number().int().min(1).default(10),
      })
      .strict()
      .prefault({}),
    costs: z
      .object({
        /** Count ambassadors' and program leads' time as cost, in months whose costs file has no "time" lines. */
        people_time: z.boolean().default(true),
        /** Minutes an ambassador spends on one post (finding, writing, answering comments). */
        minutes_per_post: z.number().nonnegative().default(15),
        /** Hourly cost of an ambassador's time, in the currency. */
        ambassador_hourly_rate: z.number().nonnegative().default(450),
        /** Hours a program lead spends on the program per month. */
        lead_hours_per_month: z.number().nonnegative().default(8),
        /** Hourly cost of a program lead's time, in the currency. */
        lead_hourly_rate: z.number().nonnegative().default(550),
      })
      .strict()
      .prefault({}),
    statistics: z
      .object({
        /** Resamples for bootstrap intervals (ROI, cohort differences). */
        bootstrap_samples: z.number().int().min(100).max(100000).default(2000),
        /** Permutations each permutation test starts with; a test whose p-value is too close to its Holm threshold to decide draws more, up to 200,000. */
        permutations: z.number().int().min(100).max(100000).default(10000),
        /** Seed of every resampling, so a rebuild gives the same intervals. */
        seed: z.number().int().default(20260501),
        /** Groups smaller than this get no verdict: "too few to compare". */
        min_group_size: z.number().int().min(2).default(5),
        /** Roster dimensions whose groups are compared. */
        cohort_dimensions: z
          .array(z.enum(['cohort', 'department', 'location', 'trained', 'leader', 'lead']))
          .default(['cohort', 'department', 'location', 'trained', 'leader', 'lead']),
      })
      .strict()
      .prefault({}),
    goals: z
      .object({
        /** On track when the forecast (or actual) reaches this share of the pace. */
        on_track_ratio: z.number().positive().max(2).default(0.95),
        /** At risk from this share of the pace; off track below it. */
        at_risk_ratio: z.number().positive().max(2).default(0.8),
      })
      .strict()
      .prefault({}),
    points: z
      .object({
        post: z.number().nonnegative().default(10),
        reaction: z.number().nonnegative().default(1),
        comment: z.number().nonnegative().default(2),
        share: z.number().nonnegative().default(3),
        click: z.number().nonnegative().default(1),
        lead: z.number().nonnegative().default(25),
        application: z.number().nonnegative().default(20),
        hire: z.number().nonnegative().default(100),
        /** Most points one ambassador can earn in one day, against spam. */
        daily_cap: z.number().positive().default(100),
        /**
         * Recompute the standings of finished contests too (they are otherwise kept as first
         * frozen, so a changed scheme reaches the current contest only). Meant for one build.
         */
        recompute_finished_contests: z.boolean().default(false),
      })
      .strict()
      .prefault({}),
    contests: z
      .array(
        z
          .object({
            name: z.string().min(1),
            start: isoDate,
            end: isoDate,
            /** Cohorts that take part; empty means everyone. */
            cohorts: z.array(z.string()).default([]),
          })
          .strict(),
      )
      .default([]),
    disclosure: z
      .object({
        /** `strict`: the marker ("Reklame", "Annonce", "#ad") must open the post. */
        mode: z.enum(['normal', 'strict']).default('normal'),
        /** Phrases the company adds to the shipped Danish and English lists; `{company}` stands for the name or an alias. */
        phrases: z.array(z.string().min(1)).default([]),
      })
      .strict()
      .prefault({}),
    nudges: z
      .object({
        /** An enrolled ambassador with no post in this many weeks gets a nudge. */
        inactive_weeks: z.number().int().positive().default(3),
      })
      .strict()
      .prefault({}),
    lock: z
      .object({
        /** How long a run waits for another run on the same warehouse before giving up. */
        wait_seconds: z.number().nonnegative().default(60),
      })
      .strict()
      .prefault({}),
    report: z
      .object({
        language: z.enum(['en', 'da']).default('en'),
        anonymise: z.boolean().default(false),
      })
      .strict()
      .prefault({}),
    /** DuckDB's memory limit, e.g. "3GB". */
    memory_limit: z.string().regex(/^\d+(\.\d+)?\s*(KB|MB|GB|TB)$/i, 'a size such as 3GB').optional(),
  })
  .strict();

export type ConfigInput = z.input<typeof configSchema>;
export type ConfigValues = z.output<typeof configSchema>;

/** The `costs.*` settings as shipped: a config value equal to one of these is reported as the default. */
export const COST_DEFAULTS: ConfigValues['costs'] = configSchema.shape.costs.parse(undefined);

/** A validated config with its paths resolved to absolute paths. */
export interface Config extends Omit<ConfigValues, 'salt'> {
  /** The folder the config file is in; relative paths are resolved from here. */
  root: string;
  /** The config file, or null when the config was given in code (demo, tests). */
  file: string | null;
  /** The hashing salt, from the config or `ADVOCACY_SALT`; null when neither gives one. */
  salt: string | null;
}

export const CONFIG_FILE_NAMES = ['advocacy.config.yaml', 'advocacy.config.yml', 'advocacy.config.json'];

/** Finds the config: the given file, or `./advocacy.config.yaml|yml|json`. */
export function findConfigFile(given: string | undefined, cwd = process.cwd()): string {
  if (given) {
    const file = resolve(cwd, given);
    if (!existsSync(file)) throw new ConfigError(`The config file ${file} does not exist; pass an existing file to --config, or run "advocacy init" to write one.`);
    return file;
  }
  const found = CONFIG_FILE_NAMES.map((name) => resolve(cwd, name)).find((file) => existsSync(file));
  if (!found) {
    throw new ConfigError(
      `No config found in ${cwd} (looked for ${CONFIG_FILE_NAMES.join(', ')}); run "advocacy init" to write one, or pass --config FILE.`,
    );
  }
  return found;
}

/** Reads, parses and validates a config file. */
export function loadConfig(file: string, env: NodeJS.ProcessEnv = process.env): Config {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`The config file ${file} cannot be read (${(error as Error).message}).`);
  }
  let data: unknown;
  try {
    data = file.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    const kind = file.endsWith('.json') ? 'JSON' : 'YAML';
    throw new ConfigError(`The config file ${file} is not valid ${kind}: ${firstLine((error as Error).message)}.`);
  }
  return validateConfig(data ?? {}, { root: dirname(resolve(file)), file, env });
}

/** Validates config values given in code or read from a file, and resolves their paths. */
export function validateConfig(
  data: unknown,
  { root, file = null, env = process.env }: { root: string; file?: string | null; env?: NodeJS.ProcessEnv },
): Config {
  const parsed = configSchema.safeParse(data);
  if (!parsed.success) throw new ConfigError(describeIssue(parsed.error.issues[0]!, data, file));
  const values = parsed.data;
  const realRoot = realPath(root);
  const paths = {
    inbox: resolveConfigPath(realRoot, values.paths.inbox, 'paths.inbox'),
    archive: resolveConfigPath(realRoot, values.paths.archive, 'paths.archive'),
    warehouse: resolveConfigPath(realRoot, values.paths.warehouse, 'paths.warehouse'),
    out: resolveConfigPath(realRoot, values.paths.out, 'paths.out'),
  };
  refuseOverlappingPaths(paths, file === null ? null : realPath(resolve(file)));
  const salt = environmentSalt(env) ?? values.salt ?? null;
  return { ...values, paths, salt, root, file };
}

/**
 * A relative path may not climb out of the config's folder, by `..` or through a link;
 * an absolute path is taken as meant. Both come back with their links resolved.
 */
function resolveConfigPath(root: string, path: string, key: string): string {
  if (isAbsolute(path)) return realPath(path);
  const resolved = realPath(resolve(root, path));
  if (!isInside(root, resolved)) {
    throw new ConfigError(
      `Config key ${key}: "${path}" leads outside the config's folder ${root}; use a path inside it, or an absolute path if you mean it.`,
    );
  }
  return resolved;
}

/** `path` with the links in its nearest existing ancestor resolved (the rest does not exist yet). */
function realPath(path: string): string {
  const absolute = resolve(path);
  if (existsSync(absolute)) return realpathSync(absolute);
  const parent = dirname(absolute);
  return parent === absolute ? absolute : join(realPath(parent), basename(absolute));
}

/** `path` is `folder` or lies below it. */
function isInside(folder: string, path: string): boolean {
  return path === folder || path.startsWith(folder.endsWith(sep) ? folder : `${folder}${sep}`);
}

/**
 * The inbox, archive and output folders each own what is in them (a run moves every file
 * out of the inbox, and writes into the others): none may hold another, the warehouse or
 * the config file.
 */
function refuseOverlappingPaths(paths: Config['paths'], configFile: string | null): void {
  const folders = [
    ['paths.inbox', paths.inbox],
    ['paths.archive', paths.archive],
    ['paths.out', paths.out],
  ] as const;
  const others: (readonly [string, string])[] = [...folders, ['paths.warehouse', paths.warehouse], ...(configFile ? [['the config file', configFile] as const] : [])];
  for (const [key, folder] of folders) {
    for (const [otherKey, other] of others) {
      if (otherKey === key || !isInside(folder, other)) continue;
      const relation = other === folder ? 'is the same folder as' : 'holds';
      throw new ConfigError(
        `Config key ${key} (${folder}) ${relation} ${otherKey} (${other}); give each of paths.inbox, paths.archive and paths.out a folder of its own, apart from the warehouse and the config file.`,
      );
    }
  }
}

function describeIssue(issue: z.core.$ZodIssue, data: unknown, file: string | null): string {
  const where = file ? ` in ${file}` : '';
  if (issue.code === 'unrecognized_keys') {
    const parent = issue.path.join('.');
    const keys = issue.keys.map((key) => (parent ? `${parent}.${key}` : key));
    return `Unknown config key ${keys.join(', ')}${where}; check the spelling against the keys the README lists.`;
  }
  const key = issue.path.join('.');
  const value = valueAt(data, issue.path);
  if (value === undefined) return `Config key ${key} is missing${where}; it must be ${expected(issue)}.`;
  return `Config key ${key} has the value ${JSON.stringify(value)}${where}, which is not allowed; it must be ${expected(issue)}.`;
}

function expected(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_value') return `one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}`;
  if (issue.code === 'invalid_type') return `${/^[aeiou]/.test(issue.expected) ? 'an' : 'a'} ${issue.expected}`;
  if (issue.code === 'too_small' && issue.origin === 'number') return `at least ${issue.minimum}`;
  if (issue.code === 'too_big' && issue.origin === 'number') return `at most ${issue.maximum}`;
  return issue.message;
}

function valueAt(data: unknown, path: PropertyKey[]): unknown {
  let value: unknown = data;
  for (const part of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[part];
  }
  return value;
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function firstLine(text: string): string {
  return text.split('\n')[0]!.replace(/\.$/, '');
}

/** `ADVOCACY_SALT`, held to the config salt's minimum length; empty counts as unset. */
function environmentSalt(env: NodeJS.ProcessEnv): string | null {
  const salt = env.ADVOCACY_SALT;
  if (!salt) return null;
  if (salt.length < MIN_SALT_LENGTH) {
    throw new ConfigError(
      `The ADVOCACY_SALT environment variable has ${salt.length} character${salt.length === 1 ? '' : 's'}; a salt needs at least ${MIN_SALT_LENGTH}. Set it to a long random string and keep it out of the repository.`,
    );
  }
  return salt;
}

/** The salt, or a clear error: hashing without one would make the hashes guessable. */
export function requireSalt(config: Config): string {
  if (!config.salt) {
    throw new ConfigError(
      'No hashing salt is set: add "salt:" (8 characters or more) to the config or set the ADVOCACY_SALT environment variable, and keep it out of the repository.',
    );
  }
  return config.salt;
}
