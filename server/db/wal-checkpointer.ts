import type Database from 'better-sqlite3';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

// WAL checkpoints off the event loop. SQLite's automatic checkpoint runs inside whichever
// commit crosses 1,000 WAL pages, on the committing thread: 7–10 ms measured (docs/benchmarks.md,
// row 6), a stall for every socket of the node. Here the server's connection never checkpoints
// (wal_autocheckpoint = 0); a worker thread with a connection of its own runs a PASSIVE
// checkpoint every second. PASSIVE never blocks the writer, and the first commit after a
// complete checkpoint starts the WAL over, so the file stays small. If the worker fails, the
// server's connection goes back to checkpointing by itself.

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
const timer = setInterval(() => db.pragma('wal_checkpoint(PASSIVE)'), workerData.everyMs);
parentPort.once('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

const SQLITE_DEFAULT_AUTOCHECKPOINT = 1000;

export interface WalCheckpointer {
  /** Stops the worker (it closes its connection); resolves once it has exited and the server's connection checkpoints again. */
  stop(): Promise<void>;
}

export function startWalCheckpointer(sqlite: Database.Database, file: string, everyMs = 1000): WalCheckpointer {
  // The driver's own path: the worker runs eval'd source, which resolves nothing by itself.
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver, everyMs } });
  worker.unref();
  sqlite.pragma('wal_autocheckpoint = 0');
  const checkpointHere = () => {
    if (sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${SQLITE_DEFAULT_AUTOCHECKPOINT}`);
  };
  let stopping = false;
  worker.on('error', (error) => {
    // A worker that starts after its database was closed (and perhaps deleted) has nothing to do.
    if (!stopping) console.error('WAL checkpoint worker failed; checkpointing on the main thread again', error);
    checkpointHere();
  });
  const exited = new Promise<void>((resolve) =>
    worker.once('exit', () => {
      checkpointHere();
      resolve();
    }),
  );
  return {
    stop() {
      stopping = true;
      // Unref'd while it runs, so it never keeps a process alive; ref'd while it stops, or a
      // process with nothing else to wait on (a script closing its database) would exit
      // mid-await (code 13) before the worker had closed its connection.
      worker.ref();
      worker.postMessage('stop');
      return exited;
    },
  };
}
