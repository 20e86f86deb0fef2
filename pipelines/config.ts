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

export const ATTRIBUTION_MODELS = ['last_touch', 'first_touch', 'linear', 'time_decay', 'position_based', 'markov', 'shapley', 'fractribution'] as const;
export type AttributionModel = (typeof ATTRIBUTION_MODELS)[number];

export const OUTCOME_KINDS = ['lead', 'conversion', 'application', 'hire'] as const;
export type OutcomeKind = (typeof OUTCOME_KINDS)[number];

/** Shorter salts make the hashes of e-mails guessable by trying addresses. */
const MIN_SALT_LENGTH = 8;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date written YYYY-MM-DD');

const emvRate = z
  .object({
    platform: z.enum(['linkedin', 'facebook']).describe('The platform the rate prices.'),
    metric: z
      .enum(['impressions', 'clicks', 'reactions', 'comments', 'shares'])
      .describe('What the rate prices: impressions (the rate is a CPM), clicks (a CPC), reactions, comments or shares.'),
    rate: z.number().nonnegative().describe('The price: per 1,000 for impressions, per unit for the others.'),
    currency: z.string().length(3).optional().describe("The rate's currency, when not the config's `currency`."),
    valid_from: isoDate
      .default('2000-01-01')
      .describe('The first day the rate applies to; a later rate of the same platform and metric takes over from its own `valid_from`.'),
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

// Each key's `.describe()` is its meaning in the README's config reference and in the
// config `advocacy init` writes (pipelines/config-reference.ts); `examples` stand in for a
// default where a key has none.
export const configSchema = z
  .object({
    company: z
      .object({
        name: z
          .string()
          .min(1, 'the company name, as posts and headlines spell it')
          .meta({ description: 'The company, as posts and LinkedIn headlines spell it.', examples: ['Your Company A/S'] }),
        aliases: z
          .array(z.string().min(1))
          .default([])
          .describe('Other spellings, e.g. ["Your Company", "YourCo"] (used by the disclosure audit and identity matching).'),
      })
      .strict()
      .describe('The company whose program this is.'),
    currency: z.string().length(3, 'a three-letter currency code such as DKK').default('DKK').describe('Currency of values and costs.'),
    locale: z.string().min(2).default('da-DK').describe('Decides D/M/YYYY against M/D/YYYY, and the decimal mark, where a column cannot tell.'),
    timezone: z
      .string()
      .refine(isTimeZone, 'an IANA time zone such as Europe/Copenhagen')
      .default('Europe/Copenhagen')
      .describe("Timestamps without a zone are in this zone; days and weeks in reports are this zone's."),
    salt: z
      .string()
      .min(MIN_SALT_LENGTH, `at least ${MIN_SALT_LENGTH} characters`)
      .optional()
      .meta({
        description: `Salt for hashing leads' and candidates' e-mails and names (${MIN_SALT_LENGTH} characters or more); the \`ADVOCACY_SALT\` environment variable wins. Required to load files with personal data. Prefer the environment variable, and keep the salt out of the repository.`,
        examples: ['change-me-to-a-long-random-string'],
      }),
    paths: z
      .object({
        inbox: z.string().default('inbox').describe('Where you drop exports; `run` picks them up from here.'),
        archive: z.string().default('archive').describe('Where loaded files go, in dated folders.'),
        warehouse: z.string().default('warehouse/advocacy.duckdb').describe('The DuckDB file.'),
        out: z.string().default('out').describe('The reports.'),
      })
      .strict()
      .prefault({})
      .describe("Folders and files, relative to the config file's folder unless absolute."),
    emv: z
      .object({
        rates: z
          .array(emvRate)
          .prefault(DEFAULT_EMV_RATES)
          .describe(
            "Earned-media-value rates. A day keeps the rate it was first valued at (`meta.emv_rates_applied`), so an edited rate reaches only days not valued yet; the leadership report says where the config's rates differ from those applied (`marts.emv_rate_changes`), and `advocacy build --revalue-emv` values all of history at the config's rates.",
          ),
      })
      .strict()
      .prefault({})
      .describe('Earned media value: what the ambassadors’ organic activity would have cost as paid media.'),
    outcomes: z
      .object({
        unit_values: z
          .object({
            lead: z.number().nonnegative().default(1500).describe('Value of one lead that carries none.'),
            conversion: z.number().nonnegative().default(5000).describe('Value of one conversion that carries none.'),
            application: z.number().nonnegative().default(750).describe('Value of one job application that carries none.'),
            hire: z.number().nonnegative().default(45000).describe('Value of one hire that carries none: the cost per hire a hire through the program saves.'),
          })
          .strict()
          .prefault({})
          .describe('Value of one outcome of each kind where the outcome carries none, in the currency.'),
        lead_stages: z
          .object({
            exclude_hubspot_lifecycle_stages: z
              .array(z.string().min(1))
              .default(['subscriber', 'other'])
              .describe(
                "HubSpot contacts in these lifecycle stages are not leads: a subscriber only signed up for a newsletter or blog; `other` is HubSpot's stage for partners, staff and the like.",
              ),
            exclude_hubspot_lead_statuses: z
              .array(z.string().min(1))
              .default(['unqualified'])
              .describe(
                'HubSpot contacts with these lead statuses are not leads: unqualified means sales found no prospect behind the record (spam, a student, a job seeker, a competitor).',
              ),
            exclude_salesforce_lead_statuses: z
              .array(z.string().min(1))
              .default(['unqualified'])
              .describe('Salesforce leads with these statuses are not leads.'),
          })
          .strict()
          .prefault({})
          .describe(
            'CRM records that are not leads, though the export lists them. Compared without regard to case, spaces and punctuation, so a label (`Marketing Qualified Lead`) matches its internal value too.',
          ),
        same_person_window_days: z
          .number()
          .int()
          .nonnegative()
          .max(3650)
          .default(90)
          .describe(
            "Leads with the same e-mail within this many days of the person's first are one lead, the first (a person in both HubSpot and Salesforce is one lead).",
          ),
      })
      .strict()
      .prefault({})
      .describe('Leads, conversions, applications and hires.'),
    attribution: z
      .object({
        parameter: z
          .enum(['utm_content', 'utm_term', 'utm_campaign', 'utm_source'])
          .default('utm_content')
          .describe("The link parameter whose value is the ambassador's code."),
        lookback_days: z.number().int().positive().max(365).default(30).describe('How far back a touch may be from an outcome.'),
        half_life_days: z.number().positive().max(365).default(7).describe('Half-life of the time-decay model.'),
        ignore_direct: z.boolean().default(true).describe('Direct visits lose to any other touch in the window, as in GA4.'),
        markov_order: z.number().int().min(1).max(4).default(1).describe('Order of the Markov-chain model.'),
        default_model: z.enum(ATTRIBUTION_MODELS).default('last_touch').describe('The model the reports use.'),
      })
      .strict()
      .prefault({})
      .describe("Crediting outcomes to the ambassadors' links."),
    ingest: z
      .object({
        max_rejected_share: z
          .number()
          .min(0)
          .max(1)
          .default(0.2)
          .describe('A file whose share of rejected rows exceeds this is rejected whole, when at least `ingest.min_rejected_rows` rows are.'),
        min_rejected_rows: z
          .number()
          .int()
          .min(1)
          .default(10)
          .describe(
            "Fewer rejected rows than this never refuse a file whole: a small file's one bad row is that row's problem, rejected on its own with its reason.",
          ),
        settle_seconds: z
          .number()
          .int()
          .min(0)
          .max(86_400)
          .default(10)
          .describe(
            'A file in the inbox is loaded once it has gone this many seconds without a change. `run` waits for a file modified more recently, and leaves one that changes while it waits in the inbox for the next run: it may still be being written.',
          ),
        limits: z
          .object({
            file_mb: z.number().int().min(1).default(2048).describe('Size of any input file, in megabytes.'),
            line_kb: z.number().int().min(16).default(16_384).describe('Longest line of a CSV, in kilobytes.'),
            columns: z.number().int().min(10).default(5000).describe("Most columns in a row of a CSV's first lines (where the header is)."),
            workbook_mb: z
              .number()
              .int()
              .min(1)
              .default(512)
              .describe("What an .xlsx workbook's parts unpack to, as the workbook itself declares, in megabytes."),
            workbook_cells: z.number().int().min(1000).default(5_000_000).describe('Cells of one worksheet, as its declared dimension (rows × columns) says.'),
            parse_seconds: z.number().int().min(5).default(300).describe('Seconds one workbook, or one CSV over 8 MB read in JavaScript, may take to parse.'),
            parse_memory_mb: z
              .number()
              .int()
              .min(64)
              .default(2048)
              .describe(
                'Memory (the JavaScript heap of the process that parses it; a run keeps up to two such processes) one such file may take, in megabytes.',
              ),
          })
          .strict()
          .prefault({})
          .describe(
            'What one input file may ask of a run. A file past a limit goes to `inbox/failed/` with a note naming the limit; the run goes on with the other files. The defaults are far above what real exports need.',
          ),
      })
      .strict()
      .prefault({})
      .describe('Loading input files.'),
    costs: z
      .object({
        people_time: z
          .boolean()
          .default(true)
          .describe(
            "Count ambassadors' and program leads' time as cost, priced with the four settings below, in each month whose costs file has no \"time\" lines (in a month that has them, those lines are the time cost). `false`: only the costs file's lines count; to leave out one kind of time only, set its rate to 0.",
          ),
        minutes_per_post: z
          .number()
          .nonnegative()
          .default(15)
          .describe(
            "Minutes an ambassador spends on one post (finding, writing, answering comments); ambassadors' time = posts × minutes_per_post / 60 × ambassador_hourly_rate.",
          ),
        ambassador_hourly_rate: z.number().nonnegative().default(450).describe("Hourly cost of an ambassador's time, in the currency."),
        lead_hours_per_month: z
          .number()
          .nonnegative()
          .default(8)
          .describe(
            "Hours each program lead (each distinct `lead_id` of the enrolled ambassadors, at least one) spends on the program per month; leads' time = leads × lead_hours_per_month × lead_hourly_rate, spread over the month's days with someone enrolled.",
          ),
        lead_hourly_rate: z.number().nonnegative().default(550).describe("Hourly cost of a program lead's time, in the currency."),
      })
      .strict()
      .prefault({})
      .describe("The cost of people's time in the ROI."),
    statistics: z
      .object({
        bootstrap_samples: z.number().int().min(100).max(100000).default(2000).describe('Resamples for bootstrap intervals (ROI, cohort differences).'),
        permutations: z
          .number()
          .int()
          .min(100)
          .max(100000)
          .default(10000)
          .describe(
            'Permutations each permutation test starts with; a test whose p-value is too close to its Holm threshold to decide draws more, up to 200,000.',
          ),
        seed: z.number().int().default(20260501).describe('Seed of every resampling, so a rebuild gives the same intervals.'),
        min_group_size: z.number().int().min(2).default(5).describe('Groups smaller than this get no verdict: "too few to compare".'),
        cohort_dimensions: z
          .array(z.enum(['cohort', 'department', 'location', 'trained', 'leader', 'lead']))
          .default(['cohort', 'department', 'location', 'trained', 'leader', 'lead'])
          .describe('Roster dimensions whose groups are compared.'),
      })
      .strict()
      .prefault({})
      .describe('Intervals and tests in the cohort comparisons and the ROI.'),
    goals: z
      .object({
        on_track_ratio: z.number().positive().max(2).default(0.95).describe('On track when the forecast (or actual) reaches this share of the pace.'),
        at_risk_ratio: z.number().positive().max(2).default(0.8).describe('At risk from this share of the pace; off track below it.'),
      })
      .strict()
      .prefault({})
      .describe("How a goal's forecast is judged against its pace."),
    points: z
      .object({
        post: z.number().nonnegative().default(10).describe('Points for each post an ambassador owns.'),
        reaction: z
          .number()
          .nonnegative()
          .default(1)
          .describe("Points for each reaction to an ambassador's post (an engagement total without a split counts as reactions)."),
        comment: z.number().nonnegative().default(2).describe("Points for each comment on an ambassador's post."),
        share: z.number().nonnegative().default(3).describe("Points for each share of an ambassador's post."),
        click: z.number().nonnegative().default(1).describe("Points for each visit through an ambassador's tracked link."),
        lead: z.number().nonnegative().default(25).describe('Points for each lead credited to an ambassador under the default attribution model.'),
        application: z.number().nonnegative().default(20).describe('Points for each job application credited to an ambassador.'),
        hire: z.number().nonnegative().default(100).describe('Points for each hire credited to an ambassador.'),
        daily_cap: z.number().positive().default(100).describe('Most points one ambassador can earn in one day, against spam.'),
        recompute_finished_contests: z
          .boolean()
          .default(false)
          .describe(
            'Recompute the standings of finished contests too (they are otherwise kept as first frozen, so a changed scheme reaches the current contest only). Meant for one build.',
          ),
      })
      .strict()
      .prefault({})
      .describe('The points scheme of the leaderboard and contests.'),
    contests: z
      .array(
        z
          .object({
            name: z.string().min(1).describe('The contest, as the leaderboard names it.'),
            start: isoDate.describe('Its first day, YYYY-MM-DD.'),
            end: isoDate.describe('Its last day, YYYY-MM-DD.'),
            cohorts: z.array(z.string()).default([]).describe('Cohorts that take part; empty means everyone.'),
          })
          .strict(),
      )
      .default([])
      .meta({
        description: 'Contests whose standings the leaderboard shows, each scored with `points`.',
        examples: [[{ name: 'Spring push', start: '2026-03-01', end: '2026-03-31', cohorts: [] }]],
      }),
    disclosure: z
      .object({
        mode: z.enum(['normal', 'strict']).default('normal').describe('`strict`: the marker ("Reklame", "Annonce", "#ad") must open the post.'),
        phrases: z
          .array(z.string().min(1))
          .default([])
          .describe('Phrases the company adds to the shipped Danish and English lists; `{company}` stands for the name or an alias.'),
      })
      .strict()
      .prefault({})
      .describe('The audit of whether posts disclose the ambassador’s tie to the company.'),
    nudges: z
      .object({
        inactive_weeks: z.number().int().positive().default(3).describe('An enrolled ambassador with no post in this many weeks gets a nudge.'),
      })
      .strict()
      .prefault({})
      .describe('Reminders to ambassadors who have gone quiet.'),
    lock: z
      .object({
        wait_seconds: z.number().nonnegative().default(60).describe('How long a run waits for another run on the same warehouse before giving up.'),
      })
      .strict()
      .prefault({})
      .describe('One run at a time per warehouse.'),
    report: z
      .object({
        language: z.enum(['en', 'da']).default('en').describe('The language of the reports.'),
        anonymise: z.boolean().default(false).describe('Replace ambassador names by stable pseudonyms.'),
      })
      .strict()
      .prefault({})
      .describe('The reports.'),
    memory_limit: z
      .string()
      .regex(/^\d+(\.\d+)?\s*(KB|MB|GB|TB)$/i, 'a size such as 3GB')
      .optional()
      .meta({
        description:
          "DuckDB's memory limit: what its buffers may hold, spilling to disk beyond it (the process as a whole uses more); without it, DuckDB's own (80% of the machine's memory).",
        examples: ['3GB'],
      }),
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
    if (!existsSync(file))
      throw new ConfigError(`The config file ${file} does not exist; pass an existing file to --config, or run "advocacy init" to write one.`);
    return file;
  }
  const found = CONFIG_FILE_NAMES.map((name) => resolve(cwd, name)).find((file) => existsSync(file));
  if (!found) {
    throw new ConfigError(`No config found in ${cwd} (looked for ${CONFIG_FILE_NAMES.join(', ')}); run "advocacy init" to write one, or pass --config FILE.`);
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
  if (!parsed.success) throw new ConfigError(describeIssues(parsed.error.issues, data, file));
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
    throw new ConfigError(`Config key ${key}: "${path}" leads outside the config's folder ${root}; use a path inside it, or an absolute path if you mean it.`);
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
  const others: (readonly [string, string])[] = [
    ...folders,
    ['paths.warehouse', paths.warehouse],
    ...(configFile ? [['the config file', configFile] as const] : []),
  ];
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

/** Every problem at once, so that one edit of the config can fix them all. */
function describeIssues(issues: z.core.$ZodIssue[], data: unknown, file: string | null): string {
  const problems = issues.flatMap((issue): z.core.$ZodIssue[] =>
    issue.code === 'unrecognized_keys' ? issue.keys.map((key) => ({ ...issue, keys: [key] })) : [issue],
  );
  if (problems.length === 1) return describeIssue(problems[0]!, data, file ? ` in ${file}` : '');
  const numbered = problems.map((issue, index) => `(${index + 1}) ${describeIssue(issue, data, '')}`);
  return `The config${file ? ` file ${file}` : ''} has ${problems.length} problems: ${numbered.join(' ')}`;
}

function describeIssue(issue: z.core.$ZodIssue, data: unknown, where: string): string {
  if (issue.code === 'unrecognized_keys') {
    const dotted = (name: string) => [...issue.path, name].join('.');
    const near = nearMiss(issue.keys[0]!, knownKeysAt(issue.path));
    const hint = near ? `did you mean \`${dotted(near)}\`?` : 'check the spelling against the README\'s section "The config", which lists every key.';
    return `Unknown config key ${dotted(issue.keys[0]!)}${where}; ${hint}`;
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

/** The keys the schema knows at `path` of the data (a number in it is a list item). */
function knownKeysAt(path: PropertyKey[]): string[] {
  let node: z.ZodType | undefined = configSchema;
  for (const part of [...path, null]) {
    while (node instanceof z.ZodDefault || node instanceof z.ZodPrefault || node instanceof z.ZodOptional) node = node.unwrap() as z.ZodType;
    if (part === null) break;
    if (node instanceof z.ZodObject) node = (node.shape as Record<PropertyKey, z.ZodType>)[part];
    else if (node instanceof z.ZodArray) node = node.element as z.ZodType;
    else return [];
  }
  return node instanceof z.ZodObject ? Object.keys(node.shape) : [];
}

/** The known key a misspelt one is closest to, when it is close enough to be meant: at most two edits, and under a third of its letters. */
function nearMiss(unknown: string, known: string[]): string | null {
  const scored = known
    .map((key) => ({ key, distance: editDistance(unknown.toLowerCase(), key) }))
    .filter(({ distance }) => distance <= 2 && distance < unknown.length / 3)
    .sort((a, b) => a.distance - b.distance);
  return scored[0]?.key ?? null;
}

/** Levenshtein distance: the fewest insertions, deletions and substitutions that turn `a` into `b`. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
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
