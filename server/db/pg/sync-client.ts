import { createRequire } from 'node:module';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';

// The async boundary, drawn once. The store interfaces are synchronous — the hot path (rooms,
// group commit, write-before-broadcast) was built on better-sqlite3 and relies on a commit
// having happened when `append` returns — while node-postgres is asynchronous. Instead of
// rewriting every caller to await, the PostgreSQL engine runs node-postgres on a worker thread
// with ONE connection, and the server's thread blocks (Atomics.wait) until each call's answer
// is back: statements run in the order the server issued them, a transaction is the
// connection's, exactly like SQLite's single connection. The price is that the event loop waits
// for every round trip (≈0.1–0.5 ms on a LAN, docs/benchmarks.md); calls are batched so that a
// group commit costs one or two of them.

export interface Statement {
  text: string;
  values?: readonly unknown[];
}

export interface StatementResult {
  rows: Record<string, unknown>[];
  rowCount: number;
}

/** A statement PostgreSQL refused; `code` is its SQLSTATE (23505: unique violation…). */
export class PgError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
    this.name = 'PgError';
  }
}

type Request =
  | { id: number; kind: 'run'; statements: readonly Statement[] }
  | { id: number; kind: 'migrate'; folder: string }
  | { id: number; kind: 'close' };
type Response = { id: number; ok: true; results: StatementResult[] } | { id: number; ok: false; message: string; code?: string };

const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const pg = require(workerData.pg);
const { drizzle } = require(workerData.drizzle);
const { migrate } = require(workerData.migrator);
// bigint columns hold ms timestamps and counts: numbers, not strings.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));
const { port, flag } = workerData;
const client = new pg.Client({ connectionString: workerData.url, application_name: workerData.name });
let broken = null;
client.on('error', (e) => { broken = e; });
const connected = client.connect().catch((e) => { broken = e; });
function answer(message) {
  port.postMessage(message);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
}
port.on('message', async (req) => {
  try {
    await connected;
    if (broken) throw broken;
    if (req.kind === 'run') {
      const results = [];
      for (const s of req.statements) {
        const r = await client.query({ text: s.text, values: s.values || [] });
        results.push({ rows: r.rows, rowCount: r.rowCount || 0 });
      }
      answer({ id: req.id, ok: true, results });
    } else if (req.kind === 'migrate') {
      // Nodes starting together: one applies the migrations, the others wait and find them done.
      await client.query("SELECT pg_advisory_lock(hashtext('atelier:migrations'))");
      try {
        await migrate(drizzle(client), { migrationsFolder: req.folder });
      } finally {
        await client.query("SELECT pg_advisory_unlock(hashtext('atelier:migrations'))");
      }
      answer({ id: req.id, ok: true, results: [] });
    } else {
      await client.end().catch(() => undefined);
      answer({ id: req.id, ok: true, results: [] });
      port.close();
    }
  } catch (e) {
    answer({ id: req.id, ok: false, message: String((e && e.message) || e), code: e && e.code });
  }
});
`;

/** One PostgreSQL connection, called synchronously. */
export class PgSyncClient {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly flag = new Int32Array(new SharedArrayBuffer(4));
  private nextId = 1;
  private broken: Error | null = null;
  private closed = false;

  constructor(
    url: string,
    private readonly timeoutMs = 30_000,
  ) {
    const require = createRequire(import.meta.url);
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        url,
        name: 'atelier',
        port: port2,
        flag: this.flag,
        pg: require.resolve('pg'),
        drizzle: require.resolve('drizzle-orm/node-postgres'),
        migrator: require.resolve('drizzle-orm/node-postgres/migrator'),
      },
      transferList: [port2],
    });
    this.worker.unref();
    this.worker.on('error', (error) => {
      this.broken = error;
    });
  }

  /** Runs the statements in order, in one round trip; stops at the first one that fails. */
  run(statements: readonly Statement[]): StatementResult[] {
    return this.call({ kind: 'run', statements });
  }

  query<T = Record<string, unknown>>(text: string, values: readonly unknown[] = []): T[] {
    return this.run([{ text, values }])[0]!.rows as T[];
  }

  /** Applies drizzle-kit's migrations from `folder` (idempotent). */
  migrate(folder: string): void {
    this.call({ kind: 'migrate', folder });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    if (!this.broken) {
      try {
        this.call({ kind: 'close' });
      } catch {
        // closing anyway
      }
    }
    this.closed = true;
    await this.worker.terminate();
  }

  private call(
    request: { kind: 'run'; statements: readonly Statement[] } | { kind: 'migrate'; folder: string } | { kind: 'close' },
  ): StatementResult[] {
    if (this.closed) throw new Error('The PostgreSQL connection is closed.');
    if (this.broken) throw this.broken;
    const id = this.nextId++;
    Atomics.store(this.flag, 0, 0);
    this.port.postMessage({ ...request, id } as Request);
    const waited = Atomics.wait(this.flag, 0, 0, this.timeoutMs);
    const received = receiveMessageOnPort(this.port);
    if (waited === 'timed-out' || !received) {
      // An answer may still come: the connection's state is unknown from here on.
      this.broken = new Error(`PostgreSQL did not answer within ${this.timeoutMs} ms.`);
      throw this.broken;
    }
    const response = received.message as Response;
    if (response.id !== id) {
      this.broken = new Error('PostgreSQL answers arrived out of order.');
      throw this.broken;
    }
    if (!response.ok) throw new PgError(response.message, response.code);
    return response.results;
  }
}
