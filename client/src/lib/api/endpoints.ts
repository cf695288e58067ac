import type { AdminStatus, InviteSignIn, TokenBody } from '$shared/api/auth';
import type { ExerciseList } from '$shared/api/exercises';
import type { Consent, StaffMaterial } from '$shared/api/session-material';
import type { SessionLog, SessionModels } from '$shared/api/sessions';
import type { SessionEvent } from '$shared/events';
import { unpackEvents, type PackedEntry } from '$shared/packed-log';
import type { InviteRole, Role } from '$shared/roles';
import { apiRequest } from './http';

// One function per REST route the participants' pages call; each answer is typed by its
// schema in shared/api/ (types only: the schemas stay out of the browser bundle).

export const exchangeInvite = (token: string) =>
  apiRequest<InviteSignIn>('/api/auth/invite', { method: 'POST', body: { token } satisfies TokenBody });

export const exchangeAdminToken = (token: string) =>
  apiRequest<void>('/api/auth/admin', { method: 'POST', body: { token } satisfies TokenBody });

export const whoAmI = () => apiRequest<AdminStatus>('/api/auth/me');

export const listExercises = () => apiRequest<ExerciseList>('/api/exercises').then((r) => r.exercises);

export const listSessionModels = (sessionId: string) => apiRequest<SessionModels>(`/api/sessions/${encodeURIComponent(sessionId)}/models`);

/** The rubric and interview questions: fetched apart from the log, which the candidate reads too. */
export const readStaffMaterial = (sessionId: string, role: InviteRole) =>
  apiRequest<StaffMaterial>(
    `/api/sessions/${encodeURIComponent(sessionId)}/staff-material${role === 'interviewer' || role === 'reviewer' ? `?role=${role}` : ''}`,
  );

export const readConsent = (sessionId: string, lang: string) =>
  apiRequest<Consent>(`/api/sessions/${encodeURIComponent(sessionId)}/consent?lang=${encodeURIComponent(lang)}`);

export interface LogRead {
  events: SessionEvent[];
  /** Events left out on purpose (`omitSettledDeltas`); 0 when the read is complete. */
  omitted: number;
}

/**
 * The session's events after `after`, as this browser's `role` invite may see them; deltas are
 * packed on the wire. `omitSettledDeltas` leaves out the deltas of turns that have ended: the
 * same state at the head, for a fraction of a long recording's bytes (docs/protocol.md).
 */
export const readSessionLog = (
  sessionId: string,
  role: Role,
  after: number,
  options: { omitSettledDeltas?: boolean } = {},
): Promise<LogRead> =>
  apiRequest<SessionLog>(
    `/api/sessions/${encodeURIComponent(sessionId)}/events?role=${encodeURIComponent(role)}&after=${after}&pack=deltas${options.omitSettledDeltas ? '&omit=settled-deltas' : ''}`,
  ).then((r) => ({ events: unpackEvents(r.events), omitted: r.omitted ?? 0 }));
