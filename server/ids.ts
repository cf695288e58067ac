import { randomBytes } from 'node:crypto';

/** A short random id (96 bits), URL-safe. */
export function newId(): string {
  return randomBytes(12).toString('base64url');
}
