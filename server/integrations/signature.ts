import { createHmac } from 'node:crypto';

// Atelier-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>"> (docs/api.md,
// "Verifying a delivery"). The timestamp is signed with the body so that a captured delivery
// cannot be replayed later as new: receivers refuse an old t.

export function signatureHeader(secret: string, body: string, unixSeconds: number): string {
  const v1 = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${v1}`;
}
