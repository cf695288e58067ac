import type { Me, PasswordSignIn, SignInOptions } from '$shared/api/accounts';
import type { ApiTokenList, CreateApiTokenBody, CreatedApiToken, MySessions } from '$shared/api/me';
import { apiRequest } from './http';

// The signed-in account's routes (types only from shared/api).

export const signInWithPassword = (body: PasswordSignIn) => apiRequest<Me>('/api/auth/password', { method: 'POST', body });

export const readMe = () => apiRequest<Me>('/api/me');

export const listMySessions = () => apiRequest<MySessions>('/api/me/sessions').then((r) => r.sessions);

export const signOutAccount = () => apiRequest<void>('/api/auth/logout', { method: 'POST', body: {} });

export const readSignInOptions = () => apiRequest<SignInOptions>('/api/auth/options');

export const listApiTokens = () => apiRequest<ApiTokenList>('/api/me/tokens').then((r) => r.tokens);

export const createApiToken = (body: CreateApiTokenBody) => apiRequest<CreatedApiToken>('/api/me/tokens', { method: 'POST', body });

export const revokeApiToken = (id: string) => apiRequest<void>(`/api/me/tokens/${encodeURIComponent(id)}`, { method: 'DELETE' });
