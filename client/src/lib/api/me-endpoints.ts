import type { Me, PasswordSignIn, SignInOptions } from '$shared/api/accounts';
import type { MySessions } from '$shared/api/me';
import { apiRequest } from './http';

// The signed-in account's routes (types only from shared/api).

export const signInWithPassword = (body: PasswordSignIn) => apiRequest<Me>('/api/auth/password', { method: 'POST', body });

export const readMe = () => apiRequest<Me>('/api/me');

export const listMySessions = () => apiRequest<MySessions>('/api/me/sessions').then((r) => r.sessions);

export const signOutAccount = () => apiRequest<void>('/api/auth/logout', { method: 'POST', body: {} });

export const readSignInOptions = () => apiRequest<SignInOptions>('/api/auth/options');
