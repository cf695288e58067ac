import { expect } from 'vitest';
import type { Account } from '../../../shared/api/accounts';
import type { AccountRole } from '../../../shared/roles';
import type { TestServer } from '../../helpers/server';
import { apiClient } from '../api-client';

// Accounts made through the admin API, signed in through the password route, as a browser would.

export const PASSWORD = 'correct horse battery staple';

export async function createAccount(
  server: TestServer,
  input: { email: string; name: string; roles: AccountRole[]; password?: string },
): Promise<Account> {
  const created = await apiClient(server).post<Account>('/api/accounts', { password: PASSWORD, ...input });
  expect(created.status).toBe(201);
  return created.body;
}

/** The account cookie (`name=value`) that the password sign-in sets. */
export async function signIn(server: TestServer, email: string, password = PASSWORD): Promise<string> {
  const response = await apiClient(server).post('/api/auth/password', { email, password }, 'none');
  expect(response.status).toBe(200);
  return cookieOf(response.headers, 'atelier_account');
}

export function cookieOf(headers: Headers, name: string): string {
  const line = headers.getSetCookie().find((c) => c.startsWith(`${name}=`));
  if (!line) throw new Error(`no ${name} cookie set`);
  return line.split(';')[0]!;
}
