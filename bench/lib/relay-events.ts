import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The bare recording relay's log (bench/bare-recorder.ts, and its path in bench/room-path.ts):
// Atelier's events table with its key, WAL and synchronous=NORMAL as the server opens it, in a
// temp directory of its own. `insert` takes (session, seq, at, type, actor, data).

export function openRelayEvents(): { db: Database.Database; insert: Database.Statement; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'atelier-bare-recorder-'));
  const db = new Database(join(dir, 'events.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`CREATE TABLE events (session_id text NOT NULL, seq integer NOT NULL, at integer NOT NULL, type text NOT NULL,
    actor text NOT NULL, data text NOT NULL, PRIMARY KEY (session_id, seq))`);
  const insert = db.prepare('INSERT INTO events (session_id, seq, at, type, actor, data) VALUES (?, ?, ?, ?, ?, ?)');
  return {
    db,
    insert,
    remove() {
      if (db.open) db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
