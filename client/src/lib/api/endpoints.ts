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

/** The session's events after `after`, as this browser's `role` invite may see them (deltas packed on the wire). */
export const readSessionLog = (sessionId: string, role: Role, after: number): Promise<SessionEvent[]> =>
  apiRequest<{ events: PackedEntry[] }>(`/api/sessions/${encodeURIComponent(sessionId)}/events?role=${encodeURIComponent(role)}&after=${after}&pack=deltas`).then((r) => unpackEvents(r.events));
