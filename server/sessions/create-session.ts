import type { IssuedInvite } from '../../shared/api/invites';
import type { CreatedSession, ScheduleRequest } from '../../shared/api/sessions';
import { AtelierError } from '../../shared/errors';
import { SYSTEM_ACTOR, draft } from '../../shared/events';
import { snapshotOf } from '../../shared/exercise';
import type { FieldProblem } from '../../shared/problems';
import type { InviteRole } from '../../shared/roles';
import { DEFAULT_EXERCISE_ID } from '../exercises/built-in';
import type { Transaction } from '../db/database';
import { newId } from '../ids';
import type { Services } from '../services';
import { issueInvite } from './invites';

export type { CreatedSession };

/** Creates a session on the current version of an exercise, with one named invite per person. */
/** `alsoInTransaction` writes what belongs with the new session (a Greenhouse interview) in its transaction. */
export function createSession(
  services: Services,
  input: ScheduleRequest,
  alsoInTransaction?: (sessionId: string, tx: Transaction) => void,
): CreatedSession {
  const { exercises, sessions, invites, rooms, clock, config, database } = services;
  const exercise = exercises.current(input.exercise ?? DEFAULT_EXERCISE_ID);
  if (!exercise) throw new AtelierError('not_found', `No exercise "${input.exercise}".`);
  if (exercises.row(exercise.id)?.archived)
    throw new AtelierError('conflict', `The exercise "${exercise.content.slug}" is archived; unarchive it to schedule sessions on it.`);
  const now = clock.now();
  const id = newId();
  const candidateName = input.candidateName?.trim() || null;
  const candidateEmail = input.candidateEmail?.trim() || null;
  const ttlMs = input.inviteTtlHours !== undefined ? input.inviteTtlHours * 3_600_000 : config.inviteTtlDays * 86_400_000;
  const expiresAt = Math.max(now, input.scheduledFor ?? now) + ttlMs;
  const people: Person[] = [
    { role: 'candidate', name: candidateName, accountId: null },
    ...staff(services, 'interviewer', input.interviewers),
    ...staff(services, 'reviewer', input.reviewers),
  ];
  const participants: IssuedInvite[] = [];
  // What other sessions queued commits first: the group commit broadcasts what it commits, so
  // it must never commit inside a transaction that may still roll back.
  rooms.flush();
  database.transaction((tx) => {
    sessions.create(
      {
        id,
        exerciseId: exercise.id,
        exerciseVersion: exercise.version,
        candidateName,
        candidateEmail,
        scheduledFor: input.scheduledFor ?? null,
        createdAt: now,
      },
      tx,
    );
    for (const person of people)
      participants.push(issueInvite(invites, config.publicUrl, { sessionId: id, ...person, now, expiresAt }, tx));
    // In the same transaction: a session never exists without its first event.
    rooms.withSession(id, (session) =>
      session.room.append(
        [
          draft('session.created', SYSTEM_ACTOR, {
            exercise: snapshotOf(exercise.id, exercise.version, exercise.content),
            candidateName,
            ...(input.scheduledFor !== undefined ? { plannedStart: input.scheduledFor } : {}),
          }),
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

type Person = { role: InviteRole; name: string | null; accountId: string | null };

/**
 * Staff invites, named or for accounts; without entries, one unnamed invite for the role, as
 * before. An account must exist, be active and hold the role, or nothing is scheduled.
 */
function staff(
  services: Services,
  role: 'interviewer' | 'reviewer',
  people: { name?: string; accountId?: string }[] | undefined,
): Person[] {
  if (!people || people.length === 0) return [{ role, name: null, accountId: null }];
  const problems: FieldProblem[] = [];
  const result = people.map((p, index): Person => {
    if (p.accountId === undefined) return { role, name: p.name?.trim() || null, accountId: null };
    const account = services.accounts.byId(p.accountId);
    const path = `/${role}s/${index}/accountId`;
    if (!account || !account.active) problems.push({ path, rule: 'not_allowed', message: 'no active account with this id' });
    else if (!account.roles.includes(role))
      problems.push({ path, rule: 'not_allowed', params: { role }, message: `this account does not have the ${role} role` });
    return { role, name: account?.name ?? null, accountId: p.accountId };
  });
  if (problems.length > 0)
    throw new AtelierError(
      'invalid_payload',
      `Invalid request: ${problems.map((p) => `body${p.path} ${p.message}`).join('; ')}.`,
      problems,
    );
  return result;
}
