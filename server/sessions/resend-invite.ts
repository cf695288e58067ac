import type { ResentInvite } from '../../shared/api/invites';
import { AtelierError } from '../../shared/errors';
import { CLOSE_CODES } from '../../shared/protocol';
import { SYSTEM_ACTION, type AuditActor } from '../db/audit-store';
import type { Services } from '../services';
import { inviteInfo, issueInvite } from './invites';

// Re-sending an invite: a new link for the same person, without re-scheduling. In one
// transaction the old invite is revoked and marked replaced, and a new one is issued for the
// same role, name, account and participant (so that what the person did stays theirs). The
// old link's cookie and token stop working and its sockets close at once (4001), as a revoke.
// The candidate's new link is emailed when email is configured and the session has their
// address; the link is answered either way, shown this once.

/** `actor`: who asked (the audit entry names them). */
export async function resendInvite(services: Services, inviteId: string, actor: AuditActor): Promise<ResentInvite> {
  const { invites, sessions, rooms, clock, config, database, audit, mailer } = services;
  const old = invites.byId(inviteId);
  const session = old ? sessions.get(old.sessionId) : undefined;
  if (!old || !session) throw new AtelierError('not_found', 'No such invite.');
  if (old.replacedBy !== null)
    throw new AtelierError('conflict', 'This link was already replaced by a newer one; re-send that one instead.', {
      replacedBy: old.replacedBy,
    });
  const now = clock.now();
  // The same lifetime as a newly scheduled invite: from now, or from the planned start if later.
  const expiresAt = Math.max(now, session.scheduledFor ?? now) + config.inviteTtlDays * 86_400_000;
  const issued = database.transaction((tx) => {
    const fresh = issueInvite(
      invites,
      config.publicUrl,
      {
        sessionId: old.sessionId,
        role: old.role,
        name: old.name,
        accountId: old.accountId,
        participantId: old.participantId ?? old.id,
        now,
        expiresAt,
      },
      tx,
    );
    invites.markReplaced(old.id, fresh.inviteId, now, tx);
    audit.record(
      {
        actor,
        action: 'invite.resend',
        target: { type: 'invite', id: old.id },
        details: { sessionId: old.sessionId, role: old.role, newInviteId: fresh.inviteId, expiresAt },
      },
      tx,
    );
    return fresh;
  });
  rooms.disconnect(old.sessionId, (c) => c.participant.inviteId === old.id, CLOSE_CODES.unauthorized);

  let email: ResentInvite['email'] = null;
  if (old.role === 'candidate' && session.candidateEmail && mailer.configured) {
    const exercise = services.exercises.version(session.exerciseId, session.exerciseVersion)?.content;
    try {
      await mailer.send({
        to: session.candidateEmail,
        candidateName: session.candidateName,
        exerciseTitle: exercise?.title ?? '',
        language: exercise?.language ?? 'en',
        url: issued.url,
        expiresAt: issued.expiresAt,
      });
      email = { sent: true, to: session.candidateEmail };
    } catch (error) {
      email = {
        sent: false,
        to: session.candidateEmail,
        error: error instanceof Error ? error.message.slice(0, 500) : 'The email could not be sent.',
      };
    }
    audit.record({
      actor: SYSTEM_ACTION,
      action: 'invite.email',
      target: { type: 'session', id: session.id },
      details: { sent: email.sent },
    });
  }
  return { replaced: inviteInfo(invites.byId(old.id)!, clock.now()), issued, email };
}
