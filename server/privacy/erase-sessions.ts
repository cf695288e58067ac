import type { ErasedSession } from '../../shared/api/privacy';
import { CLOSE_CODES } from '../../shared/protocol';
import type { DatabaseHandle } from '../db/database';
import type { SessionStore } from '../db/session-store';
import type { SessionRooms } from '../rooms/session-rooms';

// Erasure, the one path behind DELETE /api/sessions/:id, the per-candidate erasure and the
// retention purge. `secure_delete` (set when the database opens) zeroes the freed content in
// the database file; the checkpoint then copies those pages over and empties the WAL, so the
// erased text is left in neither file.

export interface ErasureDeps {
  database: DatabaseHandle;
  sessions: SessionStore;
  rooms: SessionRooms;
}

export async function eraseSessions(deps: ErasureDeps, ids: readonly string[]): Promise<ErasedSession[]> {
  const { database, sessions, rooms } = deps;
  const existing = ids.filter((id) => sessions.get(id));
  if (existing.length === 0) return [];
  // Sockets close at once; running answers stop before their rows disappear.
  await Promise.all(existing.map((id) => rooms.forget(id, CLOSE_CODES.sessionErased)));
  // What the stopped answers appended is committed now, not after its session is gone.
  rooms.flush();
  const count = database.sqlite.prepare<[string, string], { n: number }>('SELECT count(*) AS n FROM events WHERE session_id = ? AND type = ?');
  const countAll = database.sqlite.prepare<[string], { n: number }>('SELECT count(*) AS n FROM events WHERE session_id = ?');
  const countInvites = database.sqlite.prepare<[string], { n: number }>('SELECT count(*) AS n FROM invites WHERE session_id = ?');
  const erased = database.sqlite.transaction(() =>
    existing.flatMap((id): ErasedSession[] => {
      const row = sessions.get(id);
      if (!row) return [];
      const summary = {
        id,
        candidateName: row.candidateName,
        candidateEmail: row.candidateEmail,
        exerciseId: row.exerciseId,
        status: row.status,
        createdAt: row.createdAt,
        events: countAll.get(id)?.n ?? 0,
        notes: count.get(id, 'note.added')?.n ?? 0,
        invites: countInvites.get(id)?.n ?? 0,
      };
      sessions.delete(id);
      return [summary];
    }),
  )();
  // A socket that slipped in while answers were stopping is closed too.
  await Promise.all(existing.map((id) => rooms.forget(id, CLOSE_CODES.sessionErased)));
  database.checkpoint();
  return erased;
}
