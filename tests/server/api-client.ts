import type { TestServer } from '../helpers/server';

// A small fetch wrapper for the API tests: JSON in, status and JSON out.

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export type Auth = 'admin' | 'none' | { token: string } | { cookie: string };

export function apiClient(server: Pick<TestServer, 'url' | 'adminToken'>) {
  async function call<T = any>(
    method: string,
    path: string,
    options: { auth?: Auth; body?: unknown; raw?: string } = {},
  ): Promise<ApiResponse<T>> {
    const auth = options.auth ?? 'admin';
    const headers: Record<string, string> = {};
    if (auth === 'admin') headers.authorization = `Bearer ${server.adminToken}`;
    else if (auth !== 'none' && 'token' in auth) headers.authorization = `Bearer ${auth.token}`;
    else if (auth !== 'none') headers.cookie = auth.cookie;
    let body: string | undefined;
    if (options.raw !== undefined) body = options.raw;
    else if (options.body !== undefined) body = JSON.stringify(options.body);
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${server.url}${path}`, { method, headers, body });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
  }
  return {
    get: <T = any>(path: string, auth?: Auth) => call<T>('GET', path, { auth }),
    post: <T = any>(path: string, body?: unknown, auth?: Auth) => call<T>('POST', path, { body: body ?? {}, auth }),
    put: <T = any>(path: string, body: unknown, auth?: Auth) => call<T>('PUT', path, { body, auth }),
    delete: <T = any>(path: string, auth?: Auth) => call<T>('DELETE', path, { auth }),
    call,
  };
}

/** Asserts the typed error body and returns its message. */
export function errorOf(response: ApiResponse): { code: string; message: string; problems?: unknown[] } {
  return (response.body as { error: { code: string; message: string } }).error;
}
