/**
 * Whether a browser page at `origin` may open the live socket. Only exact origins match:
 * our public URL, the Host the request was sent to, and configured extras (Vite in dev).
 * Look-alikes (`http://localhost:3000.evil.test`) compare unequal.
 */
export function isAllowedOrigin(origin: string | undefined, allowed: { publicUrl: string; host: string | undefined; protocol: string; extra: string[] }): boolean {
  if (origin === undefined) return true; // not a browser: no ambient cookie to abuse
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  const candidate = parsed.origin;
  const accepted = new Set([new URL(allowed.publicUrl).origin, ...allowed.extra.map((o) => safeOrigin(o)).filter((o): o is string => !!o)]);
  if (allowed.host) accepted.add(safeOrigin(`${allowed.protocol}://${allowed.host}`) ?? '');
  return accepted.has(candidate);
}

function safeOrigin(value: string): string | undefined {
  try {
    return new URL(value).origin;
  } catch {
    return undefined;
  }
}
