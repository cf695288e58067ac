import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { newToken } from './tokens';

/** Reads a secret kept in the data directory, creating it (readable by the owner only) on first use. */
export function loadOrCreateSecret(dataDir: string, name: string): { value: string; created: boolean } {
  const file = join(dataDir, name);
  if (existsSync(file)) return { value: readFileSync(file, 'utf8').trim(), created: false };
  mkdirSync(dataDir, { recursive: true });
  const value = newToken();
  writeFileSync(file, `${value}\n`, { mode: 0o600 });
  return { value, created: true };
}
