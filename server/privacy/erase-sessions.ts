import type { ErasedSession } from '../../shared/api/privacy';
import { CLOSE_CODES } from '../../shared/protocol';
import type { Database } from '../db/database';
import type { SessionStore } from '../db/session-store';
import type { Outbox } from '../integrations/outbox';
import type { SessionRooms } from '../rooms/session-rooms';

// Erasure, the one path behind DELETE /api/sessions/:id, the per-candidate erasure and the
// retention purge: the rooms are stopped, the store deletes the sessions with their events and
// invites in one transaction, and the database then purges what was deleted from its files.

export interface ErasureDeps {
  database: Database;
  sessions: SessionStore;
  rooms: SessionRooms;
  /** Tells integrations (session.erased) in the erasure's own transaction. */
  outbox: Outbox;
}

export async function eraseSessions(deps: ErasureDeps, ids: readonly string[]): Promise<ErasedSession[]> {
  const { database, sessions, rooms, outbox } = deps;
  const existing = ids.filter((id) => sessions.get(id));
  if (existing.length === 0) return [];
  // Sockets close at once; running answers stop before their rows disappear.
  await Promise.all(existing.map((id) => rooms.forget(id, CLOSE_CODES.sessionErased)));
  // What the stopped answers appended is committed now, not after its session is gone.
  rooms.flush();
  const records = database.transaction((tx) => {
    const done = sessions.erase(existing, tx);
    for (const record of done) outbox.record(record.session.id, 'session.erased', {}, tx);
    return done;
  });
  const erased = records.map(({ session, events, notes, invites }) => ({
    id: session.id,
    candidateName: session.candidateName,
    candidateEmail: session.candidateEmail,
    exerciseId: session.exerciseId,
    status: session.status,
    createdAt: session.createdAt,
    events,
    notes,
    invites,
  }));
  // A socket that slipped in while answers were stopping is closed too.
  await Promise.all(existing.map((id) => rooms.forget(id, CLOSE_CODES.sessionErased)));
  await database.purgeErased();
  return erased;
}
