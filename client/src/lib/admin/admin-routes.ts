// The admin area's pages, parsed from a pathname under /admin. Pure, like routes.ts.

export type AdminPage =
  | { kind: 'sessions' }
  | { kind: 'session'; sessionId: string }
  | { kind: 'exercises' }
  | { kind: 'exercise'; exerciseId: string | null }
  | { kind: 'settings' }
  | { kind: 'integrations' }
  | { kind: 'audit' }
  | { kind: 'accounts' };

export function matchAdminPage(path: string): AdminPage | null {
  if (path === '/admin' || path === '/admin/sessions') return { kind: 'sessions' };
  if (path === '/admin/exercises') return { kind: 'exercises' };
  if (path === '/admin/exercises/new') return { kind: 'exercise', exerciseId: null };
  if (path === '/admin/settings') return { kind: 'settings' };
  if (path === '/admin/integrations') return { kind: 'integrations' };
  if (path === '/admin/audit') return { kind: 'audit' };
  if (path === '/admin/accounts') return { kind: 'accounts' };
  const detail = /^\/admin\/(sessions|exercises)\/([^/]+)$/.exec(path);
  if (detail) {
    const id = decodeURIComponent(detail[2] ?? '');
    return detail[1] === 'sessions' ? { kind: 'session', sessionId: id } : { kind: 'exercise', exerciseId: id };
  }
  return null;
}

export const adminPaths = {
  sessions: '/admin',
  session: (id: string) => `/admin/sessions/${encodeURIComponent(id)}`,
  exercises: '/admin/exercises',
  newExercise: '/admin/exercises/new',
  exercise: (id: string) => `/admin/exercises/${encodeURIComponent(id)}`,
  settings: '/admin/settings',
  integrations: '/admin/integrations',
  audit: '/admin/audit',
  accounts: '/admin/accounts',
} as const;
