import type { SessionEvent } from '$shared/events';
import type { Role } from '$shared/roles';
import { readSessionLog } from '../api/endpoints';

// A session page waits first of all for the session's log (a replay's can be thousands of
// events). Its request starts as the page boots, alongside the language and the view's code,
// and the connection takes it over when it opens; any later read goes to the server afresh.

const prefetched = new Map<string, Promise<SessionEvent[]>>();

export function prefetchSessionLog(sessionId: string, role: Role): void {
  const request = readSessionLog(sessionId, role, 0);
  // Not unhandled: whoever takes the request sees its failure.
  request.catch(() => undefined);
  prefetched.set(`${sessionId}/${role}`, request);
}

/** The events after `after`: from the request started at boot when there is one for them. */
export function readLogAfter(sessionId: string, role: Role, after: number): Promise<SessionEvent[]> {
  const key = `${sessionId}/${role}`;
  const waiting = after === 0 ? prefetched.get(key) : undefined;
  prefetched.delete(key);
  return waiting ?? readSessionLog(sessionId, role, after);
}
