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
