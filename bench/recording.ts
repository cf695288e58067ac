import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, toRow } from '../server/db/event-store';
import { GroupCommit } from '../server/db/group-commit';
import { events as eventsTable } from '../server/db/schema';
import { openSqlite } from '../server/db/sqlite';
import type { SessionEvent } from '../shared/events';
import { percentile } from './lib/stats';

// Row 6: recording. The store as the server opens it (WAL, synchronous=NORMAL, migrations), a
// file on disk. Three writers of the same events: a bare better-sqlite3 prepared statement in
// one transaction per batch (the reference), Atelier's EventStore (what every append goes
// through; raw statements) and the drizzle query builder (what the hot path does NOT use,
// measured to show why). Latency: one event per transaction, as a lone append commits when
// nothing else is queued, and through the group commit (enqueue → commit → afterCommit).

export interface RecordingResult {
  batchSize: number;
  eventsPerSecond: { raw: number; eventStore: number; drizzle: number };
  ratio: { eventStoreVsRaw: number; drizzleVsRaw: number };
  appendLatencyMs: {
    raw: { p50: number; p99: number };
    eventStore: { p50: number; p99: number };
    groupCommit: { p50: number; p99: number };
    rawNoAutoCheckpoint: { p50: number; p99: number };
  };
  /** Median WAL checkpoint (PASSIVE, every 250 single-event commits): what the commit that triggers an automatic one pays inline. */
  checkpointMs: number;
}

function deltaEvent(seq: number): SessionEvent {
  return {
    seq,
    at: 1_732_520_000_000 + seq,
    type: 'turn.delta',
    actor: { role: 'system' },
    data: { turnId: 'turn_bench', text: 'a streamed chunk of about forty bytes… ' },
  } as unknown as SessionEvent;
}

export async function benchRecording(options: {
  events: number;
  batchSize: number;
  latencySamples: number;
  rounds: number;
}): Promise<RecordingResult> {
  const dir = mkdtempSync(join(tmpdir(), 'atelier-recording-'));
  const handle = openSqlite(join(dir, 'bench.db'));
  try {
    const { sqlite, db } = handle;
    const sessions = ['raw', 'store', 'drizzle', 'lat-raw', 'lat-store', 'lat-group', 'lat-nockpt'];
    sqlite.pragma('foreign_keys = OFF');
    for (const id of sessions)
      sqlite.prepare("INSERT INTO sessions (id, exercise_id, exercise_version, created_at) VALUES (?, 'bench', 1, 0)").run(id);
    sqlite.pragma('foreign_keys = ON');
    const store = new SqliteEventStore(handle);
    const insert = sqlite.prepare('INSERT INTO events (session_id, seq, at, type, actor, data) VALUES (?, ?, ?, ?, ?, ?)');
    const rawBatch = sqlite.transaction((sessionId: string, batch: readonly SessionEvent[]) => {
      for (const e of batch) insert.run(sessionId, e.seq, e.at, e.type, JSON.stringify(e.actor), JSON.stringify(e.data));
    });
    const seqs = { raw: 0, store: 0, drizzle: 0 };
    const nextBatch = (key: keyof typeof seqs) => Array.from({ length: options.batchSize }, () => deltaEvent(++seqs[key]));
    const writers: Record<keyof typeof seqs, (batch: SessionEvent[]) => void> = {
      raw: (batch) => rawBatch('raw', batch),
      // Serializing is part of an append (the room does it when the event is made).
      store: (batch) => store.appendBatch([{ sessionId: 'store', rows: batch.map((e) => toRow(e)) }]),
      drizzle: (batch) =>
        db.transaction((tx) => {
          tx.insert(eventsTable)
            .values(batch.map((e) => ({ sessionId: 'drizzle', seq: e.seq, at: e.at, type: e.type, actor: e.actor, data: e.data })))
            .run();
        }),
    };
    const time = { raw: 0, store: 0, drizzle: 0 };
    const batches = Math.ceil(options.events / options.batchSize);
    // Interleave writers batch by batch, in rotating order, so machine noise hits all three alike.
    for (let round = 0; round < options.rounds; round++) {
      for (let b = 0; b < batches; b++) {
        const order = (['raw', 'store', 'drizzle'] as const).map((_, j, all) => all[(b + j) % all.length]!);
        for (const key of order) {
          const batch = nextBatch(key);
          const t0 = performance.now();
          writers[key](batch);
          time[key] += performance.now() - t0;
        }
      }
    }
    const total = batches * options.batchSize * options.rounds;
    const eps = { raw: total / (time.raw / 1000), eventStore: total / (time.store / 1000), drizzle: total / (time.drizzle / 1000) };

    const lat = { raw: [] as number[], eventStore: [] as number[], groupCommit: [] as number[] };
    const commits = new GroupCommit(store);
    let seq = 0;
    for (let i = 0; i < options.latencySamples; i++) {
      seq++;
      let t0 = performance.now();
      rawBatch('lat-raw', [deltaEvent(seq)]);
      lat.raw.push(performance.now() - t0);
      t0 = performance.now();
      store.append({ sessionId: 'lat-store', rows: [toRow(deltaEvent(seq))] });
      lat.eventStore.push(performance.now() - t0);
      t0 = performance.now();
      await new Promise<void>((resolve, reject) =>
        commits.enqueue({ sessionId: 'lat-group', rows: [toRow(deltaEvent(seq))], afterCommit: resolve, onFailure: reject }),
      );
      lat.groupCommit.push(performance.now() - t0);
    }
    // The same raw appends with SQLite's automatic checkpoint off: the difference in p99 is the
    // commits that ran a checkpoint (copy the WAL into the database and fsync it) inline.
    sqlite.pragma('wal_autocheckpoint = 0');
    // The checkpoints themselves, of a WAL of a few hundred pages, are timed apart.
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const noCheckpoint: number[] = [];
    const checkpoints: number[] = [];
    for (let i = 1; i <= options.latencySamples; i++) {
      const t0 = performance.now();
      rawBatch('lat-nockpt', [deltaEvent(i)]);
      noCheckpoint.push(performance.now() - t0);
      if (i % 250 === 0) {
        const c0 = performance.now();
        sqlite.pragma('wal_checkpoint(PASSIVE)');
        checkpoints.push(performance.now() - c0);
      }
    }
    const checkpointMs = percentile(checkpoints, 50);
    sqlite.pragma('wal_autocheckpoint = 1000');
    const pp = (s: number[]) => ({ p50: percentile(s, 50), p99: percentile(s, 99) });
    return {
      batchSize: options.batchSize,
      eventsPerSecond: eps,
      ratio: { eventStoreVsRaw: eps.raw / eps.eventStore, drizzleVsRaw: eps.raw / eps.drizzle },
      appendLatencyMs: {
        raw: pp(lat.raw),
        eventStore: pp(lat.eventStore),
        groupCommit: pp(lat.groupCommit),
        rawNoAutoCheckpoint: pp(noCheckpoint),
      },
      checkpointMs,
    };
  } finally {
    await handle.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
