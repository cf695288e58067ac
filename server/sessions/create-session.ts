import type { IssuedInvite } from '../../shared/api/invites';
import type { CreatedSession, ScheduleRequest } from '../../shared/api/sessions';
import { AtelierError } from '../../shared/errors';
import { SYSTEM_ACTOR, draft } from '../../shared/events';
import { snapshotOf } from '../../shared/exercise';
import type { InviteRole } from '../../shared/roles';
import { DEFAULT_EXERCISE_ID } from '../exercises/built-in';
import type { Transaction } from '../db/database';
import { newId } from '../ids';
import type { Services } from '../services';
import { issueInvite } from './invites';

export type { CreatedSession };

/** Creates a session on the current version of an exercise, with one named invite per person. */
/** `alsoInTransaction` writes what belongs with the new session (a Greenhouse interview) in its transaction. */
export function createSession(services: Services, input: ScheduleRequest, alsoInTransaction?: (sessionId: string, tx: Transaction) => void): CreatedSession {
  const { exercises, sessions, invites, rooms, clock, config, database } = services;
  const exercise = exercises.current(input.exercise ?? DEFAULT_EXERCISE_ID);
  if (!exercise) throw new AtelierError('not_found', `No exercise "${input.exercise}".`);
  if (exercises.row(exercise.id)?.archived) throw new AtelierError('conflict', `The exercise "${exercise.content.slug}" is archived; unarchive it to schedule sessions on it.`);
  const now = clock.now();
  const id = newId();
  const candidateName = input.candidateName?.trim() || null;
  const candidateEmail = input.candidateEmail?.trim() || null;
  const ttlMs = input.inviteTtlHours !== undefined ? input.inviteTtlHours * 3_600_000 : config.inviteTtlDays * 86_400_000;
  const expiresAt = Math.max(now, input.scheduledFor ?? now) + ttlMs;
  const people: { role: InviteRole; name: string | null }[] = [
    { role: 'candidate', name: candidateName },
    ...staff('interviewer', input.interviewers),
    ...staff('reviewer', input.reviewers),
  ];
  const participants: IssuedInvite[] = [];
  // What other sessions queued commits first: the group commit broadcasts what it commits, so
  // it must never commit inside a transaction that may still roll back.
  rooms.flush();
  database.transaction((tx) => {
    sessions.create({ id, exerciseId: exercise.id, exerciseVersion: exercise.version, candidateName, candidateEmail, scheduledFor: input.scheduledFor ?? null, createdAt: now }, tx);
    for (const person of people) participants.push(issueInvite(invites, config.publicUrl, { sessionId: id, ...person, now, expiresAt }, tx));
    // In the same transaction: a session never exists without its first event.
    rooms.withSession(id, (session) =>
      session.room.append(
        [
          draft('session.created', SYSTEM_ACTOR, { exercise: snapshotOf(exercise.id, exercise.version, exercise.content), candidateName }),
          ...(input.blindReview ? [draft('review.configured', SYSTEM_ACTOR, { blind: true })] : []),
        ],
        { immediate: true, tx },
      ),
    );
    alsoInTransaction?.(id, tx);
    services.outbox.record(id, 'session.scheduled', { exerciseId: exercise.id, exerciseVersion: exercise.version }, tx);
  });
  const first = (role: InviteRole) => {
    const { url, token, expiresAt } = participants.find((p) => p.role === role)!;
    return { url, token, expiresAt };
  };
  return { id, invites: { candidate: first('candidate'), interviewer: first('interviewer'), reviewer: first('reviewer') }, participants };
}

/** Named staff invites; without names, one unnamed invite for the role, as before. */
function staff(role: 'interviewer' | 'reviewer', people: { name: string }[] | undefined): { role: InviteRole; name: string | null }[] {
  if (!people || people.length === 0) return [{ role, name: null }];
  return people.map((p) => ({ role, name: p.name.trim() || null }));
}
