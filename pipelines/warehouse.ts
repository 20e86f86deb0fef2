/**
 * The warehouse: the only module that talks to `@duckdb/node-api`. Everything else
 * goes through `Warehouse`, so SQL text, parameters, transactions and the JS/DuckDB
 * type boundary are handled in one place.
 */
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  DuckDBDataChunkWriter,
  DuckDBDecimalType,
  DuckDBDecimalValue,
  DuckDBInstance,
  DuckDBTypeId,
  JSDuckDBValueConverter,
  JSToDuckDBValueConverter,
  quotedIdentifier,
  quotedString,
  type DuckDBConnection,
  type DuckDBDataChunk,
  type DuckDBValue,
  type JS,
  type ToDuckDBValueConverter,
} from '@duckdb/node-api';
import { StoppedError, type StopSignal } from './errors.ts';
import { onStopRequested } from './stop.ts';

export { quotedIdentifier, quotedString };

/** A value that can be bound as a SQL parameter. */
export type SqlParam = string | number | boolean | null | Date | bigint;
export type SqlParams = Record<string, SqlParam> | SqlParam[];
/** A row as JS built-ins (numbers, strings, Dates, booleans, null; bigint for BIGINT/HUGEINT). */
export type Row = Record<string, unknown>;

/** The warehouse's layers; each is a DuckDB schema. */
export const LAYERS = ['raw', 'staging', 'core', 'intermediate', 'marts', 'meta'] as const;

/** `schema.table` with both parts quoted. */
export function qualifiedName(schema: string, table: string): string {
  return `${quotedIdentifier(schema)}.${quotedIdentifier(table)}`;
}

export interface WarehouseOptions {
  /**
   * DuckDB's memory limit, e.g. `'2GB'`.
   * __Default value:__ DuckDB's own (80% of RAM).
   */
  memoryLimit?: string;
  threads?: number;
  /**
   * Open without writing, so several processes can read one warehouse at once.
   * __Default value:__ `false`
   */
  readOnly?: boolean;
}

export class Warehouse {
  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
    /** The database file, or `':memory:'`. */
    readonly path: string,
    /** False for a second connection (`connectAgain`), whose close leaves the database open. */
    private readonly ownsInstance = true,
  ) {}

  /** Opens (creating if needed) the warehouse file and its layers. `':memory:'` for tests. */
  static async open(path: string, options: WarehouseOptions = {}): Promise<Warehouse> {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    if (path !== ':memory:' && !options.readOnly && !existsSync(path)) await createDatabaseFile(path);
    const settings: Record<string, string> = {};
    if (options.memoryLimit) settings.memory_limit = options.memoryLimit;
    if (options.threads) settings.threads = String(options.threads);
    if (options.readOnly) settings.access_mode = 'READ_ONLY';
    const instance = await DuckDBInstance.create(path, settings);
    const warehouse = await Warehouse.connected(instance, path, true);
    if (!options.readOnly) {
      await warehouse.run(LAYERS.map((layer) => `create schema if not exists ${quotedIdentifier(layer)};`).join('\n'));
    }
    return warehouse.stoppable();
  }

  /**
   * A second connection to the same database, for work that runs beside this connection's
   * (each connection runs one query at a time). It sees what is committed and what is
   * attached, not this connection's temp tables. Closing it leaves the database open.
   */
  async connectAgain(): Promise<Warehouse> {
    return (await Warehouse.connected(this.instance, this.path, false)).stoppable();
  }

  private static async connected(instance: DuckDBInstance, path: string, ownsInstance: boolean): Promise<Warehouse> {
    const warehouse = new Warehouse(instance, await instance.connect(), path, ownsInstance);
    // Timestamps in the warehouse are UTC instants. DuckDB's session zone is the machine's
    // by default, which would make now()::timestamp (a file's loaded_at, a run's start) and
    // every cast from TIMESTAMPTZ depend on where the job runs.
    await warehouse.run(`set TimeZone = 'UTC'`);
    return warehouse;
  }

  /** Subscribes to stop requests (`pipelines/stop.ts`), once opened: after a stop, the warehouse opens and then refuses work. */
  private stoppable(): Warehouse {
    this.unsubscribeStop = onStopRequested((signal) => this.interrupt(signal));
    return this;
  }

  /** The signal that stopped this warehouse's work; null while it may work. */
  private stoppedBy: StopSignal | null = null;
  /** Queries started before a stop that have not ended: the ones an interrupt has to reach. */
  private running = 0;
  /** True while `afterStop` runs the session's own bookkeeping. */
  private inAfterStop = false;
  private closed = false;
  private unsubscribeStop: () => void = () => undefined;

  /**
   * Stops this warehouse's work: the running query is interrupted (DuckDB rolls back
   * its statement) and every query after it throws `StoppedError`, so the code between
   * queries cannot carry on either. `close()` and `afterStop` still work. Called for
   * every open warehouse when a stop is requested (`pipelines/stop.ts`).
   */
  interrupt(signal: StopSignal): void {
    if (this.stoppedBy) return;
    this.stoppedBy = signal;
    this.interruptRunning();
  }

  /** Runs `work` (the session logging how a stopped run ended) on a warehouse whose own work was stopped. */
  async afterStop<T>(work: () => Promise<T>): Promise<T> {
    this.inAfterStop = true;
    try {
      return await work();
    } finally {
      this.inAfterStop = false;
    }
  }

  // DuckDB forgets an interrupt that comes before the query has begun on its worker
  // thread, so it is repeated until the queries started before the stop have ended.
  private interruptRunning(): void {
    if (this.running === 0 || this.closed) return;
    this.connection.interrupt();
    setTimeout(() => this.interruptRunning(), 50).unref();
  }

  /** Every query starts here: refused once the work was stopped, and counted so that an interrupt reaches it. */
  private async query<T>(start: () => Promise<T>): Promise<T> {
    if (this.inAfterStop) return start();
    if (this.stoppedBy) throw new StoppedError(this.stoppedBy);
    this.running += 1;
    try {
      return await start();
    } catch (error) {
      throw this.stoppedBy ? new StoppedError(this.stoppedBy) : error;
    } finally {
      this.running -= 1;
    }
  }

  /** Runs SQL (several `;`-separated statements are allowed when there are no parameters). */
  async run(sql: string, params?: SqlParams): Promise<void> {
    await this.query(() => this.connection.run(sql, params as Record<string, DuckDBValue> | DuckDBValue[] | undefined));
  }

  /** Runs a query and returns its rows as JS built-ins. Cast measures in SQL to avoid bigint. */
  async all<T extends object = Row>(sql: string, params?: SqlParams): Promise<T[]> {
    const reader = await this.query(() => this.connection.runAndReadAll(sql, params as Record<string, DuckDBValue> | DuckDBValue[] | undefined));
    return reader.getRowObjectsJS() as T[];
  }

  /** The first row of a query, or undefined. */
  async one<T extends object = Row>(sql: string, params?: SqlParams): Promise<T | undefined> {
    return (await this.all<T>(sql, params))[0];
  }

  /**
   * A query's columns as arrays of JS values, converted one data chunk at a time as the
   * query gives them, so that neither DuckDB's whole result nor all of its chunks are held
   * beside the arrays (a TypeScript model reads millions of rows this way at L). Equal
   * text in a column is one string (`textInterner`): the node API makes a string of each
   * value, and the ROI models' millions of rows of a few models, months and groups held a
   * copy of each word per row (marts.roi_by_group alone at L peaked at 1.8 GB, 1.4 GB now).
   */
  async columns(sql: string): Promise<Record<string, unknown[]>> {
    return this.query(async () => {
      const result = await this.connection.stream(sql);
      const names = result.deduplicatedColumnNames();
      const columns = names.map((): unknown[] => []);
      const interners = result.columnTypes().map((type) => (type.typeId === DuckDBTypeId.VARCHAR ? textInterner() : null));
      for (let chunk = await result.fetchChunk(); chunk !== null && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
        for (const [index, values] of columns.entries()) {
          const intern = interners[index];
          if (intern) chunk.visitColumnValues(index, (value) => values.push(value === null ? null : intern(value as string)));
          else chunk.visitColumnValues(index, (value, _row, _column, type) => values.push(JSDuckDBValueConverter(value, type, JSDuckDBValueConverter)));
        }
      }
      return Object.fromEntries(names.map((name, index) => [name, columns[index]!]));
    });
  }

  /**
   * Runs a query and hands its result to `each` one data chunk at a time, in the order the
   * query gives the rows (a table's scan: the order its rows were inserted in).
   */
  async eachChunk(sql: string, each: (chunk: DuckDBDataChunk) => void): Promise<void> {
    await this.query(async () => {
      const result = await this.connection.stream(sql);
      for (let chunk = await result.fetchChunk(); chunk !== null && chunk.rowCount > 0; chunk = await result.fetchChunk()) each(chunk);
    });
  }

  /** Column names and DuckDB type names of a query, without running it fully. */
  async describe(sql: string): Promise<{ name: string; type: string }[]> {
    const rows = await this.all<{ column_name: string; column_type: string }>(`describe ${sql}`);
    return rows.map((row) => ({ name: row.column_name, type: row.column_type }));
  }

  async tableExists(schema: string, table: string): Promise<boolean> {
    const row = await this.one(`select 1 as found from information_schema.tables where table_schema = $schema and table_name = $table`, { schema, table });
    return row !== undefined;
  }

  /**
   * Runs `work` with DuckDB's allocator giving memory DuckDB has freed back to the system in
   * the background. On Linux DuckDB allocates through jemalloc, which otherwise gives it back
   * only when a later query allocates: at L a build's process held a gigabyte beyond DuckDB's
   * limit that way, and a report after a build in the same run 4.5 GB under a 2 GB limit
   * (2.9 GB with this). Purging costs an ingest, which allocates all the time, about 8% of
   * its CPU, so the build and the report turn it on, and the ingest does not.
   */
  async purgingFreedMemory<T>(work: () => Promise<T>): Promise<T> {
    const purge = process.platform === 'linux';
    if (purge) await this.run('set allocator_background_threads = true');
    try {
      return await work();
    } finally {
      // A stopped warehouse refuses the reset: the error the work ends with is the one to see.
      if (purge) await this.run('reset allocator_background_threads').catch(() => undefined);
    }
  }

  /**
   * Runs `work` inside one transaction: committed when it resolves, rolled back when it
   * throws (the error is rethrown). Nested calls join the outer transaction.
   */
  async transaction<T>(work: () => Promise<T>): Promise<T> {
    if (this.inTransaction) return work();
    await this.run('begin transaction');
    this.inTransaction = true;
    try {
      const result = await work();
      this.inTransaction = false;
      await this.run('commit');
      return result;
    } catch (error) {
      this.inTransaction = false;
      // Past `query`: a stopped transaction is still rolled back.
      await this.connection.run('rollback').catch(() => undefined);
      throw error;
    }
  }
  private inTransaction = false;

  /**
   * Appends rows (arrays in the table's column order) in data chunks. Values are JS
   * built-ins: numbers, strings, booleans, Dates (UTC) and null; a DECIMAL column also
   * takes its digits as a string (`'1200.5'`), landed exactly.
   */
  async append(schema: string, table: string, rows: Iterable<readonly unknown[]>): Promise<number> {
    if (Array.isArray(rows) && rows.length === 0) return 0;
    const appender = await this.query(() => this.connection.createAppender(table, schema));
    const writer = DuckDBDataChunkWriter.forAppender(appender, { converter: appendConverter });
    let count = 0;
    try {
      for (const row of rows) {
        writer.appendRow(row as never[]);
        count += 1;
      }
      writer.flush();
    } finally {
      appender.closeSync();
    }
    return count;
  }

  close(): void {
    this.closed = true;
    this.unsubscribeStop();
    this.connection.closeSync();
    if (this.ownsInstance) this.instance.closeSync();
  }
}

/**
 * A new database file, made whole beside its place and then renamed into it: DuckDB writes
 * a new database's headers as it creates the file, and a run killed at that moment left a
 * file that no later run could open ("not a valid DuckDB database file").
 */
async function createDatabaseFile(path: string): Promise<void> {
  const creating = `${path}.creating-${process.pid}`;
  for (const leftover of [creating, `${creating}.wal`]) rmSync(leftover, { force: true });
  (await DuckDBInstance.create(creating)).closeSync();
  renameSync(creating, path);
}

/** Distinct strings a column's interner keeps; past them a column of ids or texts is left as it comes. */
const INTERNED_PER_COLUMN = 65_536;

/** The first string of each distinct value, for a column's equal values to share one string. */
function textInterner(): (value: string) => string {
  let seen: Map<string, string> | null = new Map();
  return (value) => {
    if (seen === null) return value;
    const known = seen.get(value);
    if (known !== undefined) return known;
    if (seen.size >= INTERNED_PER_COLUMN) seen = null;
    else seen.set(value, value);
    return value;
  };
}

/**
 * The node API's JS converter, but a string into a DECIMAL column is read digit by digit.
 * The node API takes a DECIMAL as a double (rounded on the way in: 99999999999999.5
 * lands as 99999999999999.5008) or as a scaled bigint; amounts of money travel as their
 * digits and become that bigint here.
 */
const appendConverter: ToDuckDBValueConverter<JS> = (value, type, converter) =>
  typeof value === 'string' && type instanceof DuckDBDecimalType ? decimalFromDigits(value, type) : JSToDuckDBValueConverter(value, type, converter);

function decimalFromDigits(digits: string, type: DuckDBDecimalType): DuckDBValue {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(digits);
  const fraction = match?.[3] ?? '';
  if (!match || fraction.length > type.scale || match[2]!.replace(/^0+/, '').length > type.width - type.scale) {
    throw new Error(`"${digits}" is not a number that ${type.toString()} holds exactly`);
  }
  const scaled = BigInt(`${match[2]}${fraction.padEnd(type.scale, '0')}`);
  return new DuckDBDecimalValue(match[1] === '-' ? -scaled : scaled, type.width, type.scale);
}
