import type { SessionEvent } from '$shared/events';
import { unpackEvents, type PackedEntry } from '$shared/packed-log';
import type { Role } from '$shared/roles';
import { apiRequest } from './http';
import type { CreatedSession, ExerciseSummary, InviteExchange, SessionModels, SessionSummary } from './types';

// One function per REST route the client calls.

export const exchangeInvite = (token: string) => apiRequest<InviteExchange>('/api/auth/invite', { method: 'POST', body: { token } });

export const exchangeAdminToken = (token: string) => apiRequest<void>('/api/auth/admin', { method: 'POST', body: { token } });

export const whoAmI = () => apiRequest<{ admin: boolean }>('/api/auth/me');

export const listExercises = () => apiRequest<{ exercises: ExerciseSummary[] }>('/api/exercises').then((r) => r.exercises);

export const listSessions = () => apiRequest<{ sessions: SessionSummary[] }>('/api/sessions').then((r) => r.sessions);

export const createSession = (body: { exercise?: string; candidateName?: string }) =>
  apiRequest<CreatedSession>('/api/sessions', { method: 'POST', body });

export const listSessionModels = (sessionId: string) => apiRequest<SessionModels>(`/api/sessions/${encodeURIComponent(sessionId)}/models`);

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
export const readSessionLog = (sessionId: string, role: Role, after: number, options: { omitSettledDeltas?: boolean } = {}): Promise<LogRead> =>
  apiRequest<{ events: PackedEntry[]; omitted?: number }>(
    `/api/sessions/${encodeURIComponent(sessionId)}/events?role=${encodeURIComponent(role)}&after=${after}&pack=deltas${options.omitSettledDeltas ? '&omit=settled-deltas' : ''}`,
  ).then((r) => ({ events: unpackEvents(r.events), omitted: r.omitted ?? 0 }));
