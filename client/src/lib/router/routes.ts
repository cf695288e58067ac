import { INVITE_ROLES, type InviteRole } from '$shared/roles';
import { matchAdminPage, type AdminPage } from '../admin/admin-routes';

// The app's few addresses, parsed from a pathname. Pure, so it is trivial to test.

export type Route =
  | { name: 'admin'; page: AdminPage }
  | { name: 'join' }
  | { name: 'me' }
  | { name: 'session'; sessionId: string; role: InviteRole }
  | { name: 'notFound' };

function isInviteRole(value: string): value is InviteRole {
  return (INVITE_ROLES as readonly string[]).includes(value);
}

export function matchRoute(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  const adminPage = path.startsWith('/admin') ? matchAdminPage(path) : null;
  if (adminPage) return { name: 'admin', page: adminPage };
  if (path === '/join') return { name: 'join' };
  if (path === '/me') return { name: 'me' };
  const session = /^\/s\/([^/]+)\/([^/]+)$/.exec(path);
  if (session) {
    const sessionId = decodeURIComponent(session[1] ?? '');
    const role = session[2] ?? '';
    if (sessionId && isInviteRole(role)) return { name: 'session', sessionId, role };
  }
  return { name: 'notFound' };
}

export function sessionPath(sessionId: string, role: InviteRole): string {
  return `/s/${encodeURIComponent(sessionId)}/${role}`;
}
