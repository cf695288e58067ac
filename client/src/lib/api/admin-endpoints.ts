import type { Account, AccountList, CreateAccountBody, FirstAdminBody, Me, SetupStatus, UpdateAccountBody } from '$shared/api/accounts';
import type { AuditPage } from '$shared/api/audit';
import type { ExerciseDetail, ExerciseList, ExerciseSummary, ImportedExercise } from '$shared/api/exercises';
import type { InviteInfo, IssuedInvite, IssueInviteBody, ResentInvite } from '$shared/api/invites';
import type { CandidateErasure, CandidateSubject } from '$shared/api/privacy';
import type { Providers } from '$shared/api/providers';
import type { CreatedSession, ScheduleRequest, SessionDetail, SessionErasure, SessionList, SessionListQuery } from '$shared/api/sessions';
import type { PrivacySettings, SettingsPatch } from '$shared/api/settings';
import type { ExerciseContent } from '$shared/exercise';
import type { Delivery, DeliveryList, Webhook, WebhookCreate, WebhookDeleted, WebhookList } from '$shared/api/webhooks';
import type {
  GreenhouseErrorList,
  GreenhouseInterviewList,
  GreenhouseKeyCreate,
  GreenhouseKeyList,
  GreenhouseSettings,
  GreenhouseSettingsPatch,
  IssuedGreenhouseKey,
} from '$shared/api/greenhouse';
import { apiRequest } from './http';

// One function per admin REST route (docs/api.md); each request and answer is typed by its
// schema in shared/api/.

const enc = encodeURIComponent;

function query(params: Record<string, string | number | boolean | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

export const signOut = () => apiRequest<void>('/api/auth/logout', { method: 'POST' });

// Exercises
export const listLibrary = (includeArchived: boolean) =>
  apiRequest<ExerciseList>(`/api/exercises${query({ archived: includeArchived || undefined })}`).then((r) => r.exercises);
export const getExercise = (id: string) => apiRequest<ExerciseDetail>(`/api/exercises/${enc(id)}`);
export const createExercise = (content: ExerciseContent) => apiRequest<ExerciseDetail>('/api/exercises', { method: 'POST', body: content });
export const updateExercise = (id: string, content: ExerciseContent) =>
  apiRequest<ExerciseDetail>(`/api/exercises/${enc(id)}`, { method: 'PUT', body: content });
export const duplicateExercise = (id: string) => apiRequest<ExerciseDetail>(`/api/exercises/${enc(id)}/duplicate`, { method: 'POST' });
export const setExerciseArchived = (id: string, archived: boolean) =>
  apiRequest<ExerciseSummary>(`/api/exercises/${enc(id)}/${archived ? 'archive' : 'unarchive'}`, { method: 'POST' });
export const exerciseExportPath = (id: string) => `/api/exercises/${enc(id)}/export`;
export const importExercise = (file: unknown) => apiRequest<ImportedExercise>('/api/exercises/import', { method: 'POST', body: file });

// Sessions and invites
export const scheduleSession = (body: ScheduleRequest) => apiRequest<CreatedSession>('/api/sessions', { method: 'POST', body });
export const listSessionItems = (filters: SessionListQuery, signal?: AbortSignal) =>
  apiRequest<SessionList>(`/api/sessions${query(filters)}`, { signal });
export const getSession = (id: string) => apiRequest<SessionDetail>(`/api/sessions/${enc(id)}`);
export const eraseSession = (id: string) => apiRequest<SessionErasure>(`/api/sessions/${enc(id)}`, { method: 'DELETE' });
export const issueInvite = (sessionId: string, body: IssueInviteBody) =>
  apiRequest<IssuedInvite>(`/api/sessions/${enc(sessionId)}/invites`, { method: 'POST', body });
export const revokeInvite = (inviteId: string) => apiRequest<InviteInfo>(`/api/invites/${enc(inviteId)}/revoke`, { method: 'POST' });
export const resendInvite = (inviteId: string) => apiRequest<ResentInvite>(`/api/invites/${enc(inviteId)}/resend`, { method: 'POST' });

// Settings, providers, privacy, audit
export const getSettings = () => apiRequest<PrivacySettings>('/api/settings');
export const putSettings = (body: SettingsPatch) => apiRequest<PrivacySettings>('/api/settings', { method: 'PUT', body });
export const getProviders = () => apiRequest<Providers>('/api/providers');
export const eraseCandidate = (subject: CandidateSubject) =>
  apiRequest<CandidateErasure>('/api/privacy/erase', { method: 'POST', body: subject });
export const candidateExportPath = (subject: CandidateSubject, includeStaffEvents: boolean) =>
  `/api/privacy/export${query({ ...subject, includeStaffEvents: includeStaffEvents || undefined })}`;
export const listAudit = (before: number | null, limit = 50) =>
  apiRequest<AuditPage>(`/api/audit${query({ limit, before: before ?? undefined })}`);

export const readSetupStatus = () => apiRequest<SetupStatus>('/api/auth/setup');

export const createFirstAdmin = (body: FirstAdminBody) => apiRequest<Me>('/api/auth/setup', { method: 'POST', body });

export const listAccounts = () => apiRequest<AccountList>('/api/accounts').then((r) => r.accounts);

export const createAccount = (body: CreateAccountBody) => apiRequest<Account>('/api/accounts', { method: 'POST', body });

export const updateAccount = (id: string, body: UpdateAccountBody) =>
  apiRequest<Account>(`/api/accounts/${enc(id)}`, { method: 'PATCH', body });

// Integrations: webhooks and Greenhouse
export const listWebhooks = () => apiRequest<WebhookList>('/api/webhooks').then((r) => r.webhooks);
export const createWebhook = (body: WebhookCreate) => apiRequest<Webhook>('/api/webhooks', { method: 'POST', body });
export const deleteWebhook = (id: string) => apiRequest<WebhookDeleted>(`/api/webhooks/${enc(id)}`, { method: 'DELETE' });
export const listDeliveries = (id: string) => apiRequest<DeliveryList>(`/api/webhooks/${enc(id)}/deliveries`).then((r) => r.deliveries);
export const resendDelivery = (id: string, deliveryId: string) =>
  apiRequest<Delivery>(`/api/webhooks/${enc(id)}/deliveries/${enc(deliveryId)}/resend`, { method: 'POST' });
export const listGreenhouseKeys = () => apiRequest<GreenhouseKeyList>('/api/integrations/greenhouse/keys').then((r) => r.keys);
export const createGreenhouseKey = (body: GreenhouseKeyCreate) =>
  apiRequest<IssuedGreenhouseKey>('/api/integrations/greenhouse/keys', { method: 'POST', body });
export const revokeGreenhouseKey = (id: string) =>
  apiRequest<GreenhouseKeyList>(`/api/integrations/greenhouse/keys/${enc(id)}`, { method: 'DELETE' }).then((r) => r.keys);
export const getGreenhouseSettings = () => apiRequest<GreenhouseSettings>('/api/integrations/greenhouse/settings');
export const putGreenhouseSettings = (body: GreenhouseSettingsPatch) =>
  apiRequest<GreenhouseSettings>('/api/integrations/greenhouse/settings', { method: 'PUT', body });
export const listGreenhouseInterviews = () =>
  apiRequest<GreenhouseInterviewList>('/api/integrations/greenhouse/interviews').then((r) => r.interviews);
export const listGreenhouseErrors = () => apiRequest<GreenhouseErrorList>('/api/integrations/greenhouse/errors').then((r) => r.errors);
