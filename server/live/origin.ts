/**
 * Whether a browser page at `origin` may open the live socket. Only exact origins match: our
 * public URL and the configured extras (Vite in dev). Never the Host the request was sent to:
 * a rebound name (evil.example resolving to us) sends a Host equal to its own Origin.
 * Look-alikes (`http://localhost:3000.evil.test`) compare unequal.
 */
export function isAllowedOrigin(origin: string | undefined, allowed: { publicUrl: string; extra: string[] }): boolean {
  if (origin === undefined) return true; // not a browser: no ambient cookie to abuse
  const candidate = safeOrigin(origin);
  if (candidate === undefined || candidate === 'null') return false;
  const accepted = new Set([safeOrigin(allowed.publicUrl), ...allowed.extra.map((o) => safeOrigin(o))]);
  return accepted.has(candidate);
}

function safeOrigin(value: string): string | undefined {
  try {
    return new URL(value).origin;
  } catch {
    return undefined;
  }
}
