import { INVITE_ROLES, type InviteRole } from '../../shared/roles';
import { AtelierError } from '../../shared/errors';
import { SYSTEM_ACTOR, draft } from '../../shared/events';
import { snapshotOf } from '../../shared/exercise';
import { newToken, hashToken } from '../auth/tokens';
import { DEFAULT_EXERCISE_ID } from '../exercises/built-in';
import { newId } from '../ids';
import type { Services } from '../services';

export interface CreatedSession {
  id: string;
  invites: Record<InviteRole, { url: string; token: string; expiresAt: number }>;
}

/** Creates a session on the current version of an exercise, with one invite per role. */
export function createSession(services: Services, input: { exercise?: string; candidateName?: string }): CreatedSession {
  const { exercises, sessions, invites, rooms, clock, config } = services;
  const exercise = exercises.current(input.exercise ?? DEFAULT_EXERCISE_ID);
  if (!exercise) throw new AtelierError('not_found', `No exercise "${input.exercise}".`);
  const now = clock.now();
  const id = newId();
  const candidateName = input.candidateName?.trim() || null;
  const expiresAt = now + config.inviteTtlDays * 86_400_000;
  const created = {} as CreatedSession['invites'];
  services.database.sqlite.transaction(() => {
    sessions.create({ id, exerciseId: exercise.id, exerciseVersion: exercise.version, candidateName, createdAt: now });
    for (const role of INVITE_ROLES) {
      const token = newToken();
      invites.create({ id: newId(), sessionId: id, role, tokenHash: hashToken(token), name: role === 'candidate' ? candidateName : null, createdAt: now, expiresAt });
      // The token rides in the fragment: browsers never send it to a server or a log.
      created[role] = { url: `${config.publicUrl}/join#${token}`, token, expiresAt };
    }
    // In the same transaction: a session never exists without its first event.
    rooms.get(id)!.room.append([
      draft('session.created', SYSTEM_ACTOR, { exercise: snapshotOf(exercise.id, exercise.version, exercise.content), candidateName }),
    ]);
  })();
  return { id, invites: created };
}
