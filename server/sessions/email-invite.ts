import type { CreatedSession } from '../../shared/api/sessions';
import type { Services } from '../services';
import { SYSTEM_ACTION } from '../db/audit-store';

// Emails a new session's candidate invite (the scheduling form's checkbox, Greenhouse's
// send_test when enabled). The session stands whatever the SMTP server says: the outcome is
// answered to the caller, and the admin can still copy or reissue the link.

export async function emailCandidateInvite(services: Services, created: CreatedSession): Promise<{ sent: boolean; error?: string }> {
  const session = services.sessions.get(created.id);
  const exercise = session ? services.exercises.version(session.exerciseId, session.exerciseVersion)?.content : undefined;
  if (!session?.candidateEmail || !exercise) return { sent: false, error: 'The session has no candidate email.' };
  const invite = created.invites.candidate;
  try {
    await services.mailer.send({
      to: session.candidateEmail,
      candidateName: session.candidateName,
      exerciseTitle: exercise.title,
      language: exercise.language,
      url: invite.url,
      expiresAt: invite.expiresAt,
    });
    services.audit.record({
      actor: SYSTEM_ACTION,
      action: 'invite.email',
      target: { type: 'session', id: created.id },
      details: { sent: true },
    });
    return { sent: true };
  } catch (error) {
    services.audit.record({
      actor: SYSTEM_ACTION,
      action: 'invite.email',
      target: { type: 'session', id: created.id },
      details: { sent: false },
    });
    return { sent: false, error: error instanceof Error ? error.message.slice(0, 500) : 'The email could not be sent.' };
  }
}
