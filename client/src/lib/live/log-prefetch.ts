import type { Role } from '$shared/roles';
import { readSessionLog, type LogRead } from '../api/endpoints';

// A session page waits first of all for the session's log. Its first read starts as the page
// boots, alongside the language and the view's code, and the connection takes it over when it
// opens. That first read leaves out the deltas of turns that have ended, nearly all of a long
// recording: the page can show the session at once, and the connection reads the rest next.

const prefetched = new Map<string, Promise<LogRead>>();

/** The first read of a session: from the start, settled deltas left out. */
function readFirst(sessionId: string, role: Role): Promise<LogRead> {
  return readSessionLog(sessionId, role, 0, { omitSettledDeltas: true });
}

export function prefetchSessionLog(sessionId: string, role: Role): void {
  const request = readFirst(sessionId, role);
  // Not unhandled: whoever takes the request sees its failure.
  request.catch(() => undefined);
  prefetched.set(`${sessionId}/${role}`, request);
}

/**
 * The events after `after`. From the start, settled deltas are left out (and counted in
 * `omitted`), from the request started at boot when there is one.
 */
export function readLogAfter(sessionId: string, role: Role, after: number): Promise<LogRead> {
  if (after > 0) return readSessionLog(sessionId, role, after);
  const key = `${sessionId}/${role}`;
  const waiting = prefetched.get(key);
  prefetched.delete(key);
  return waiting ?? readFirst(sessionId, role);
}
