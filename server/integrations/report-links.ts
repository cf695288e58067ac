import { createHmac } from 'node:crypto';
import { newToken, sameSecret } from '../auth/tokens';
import type { Clock } from '../clock';
import type { ReportLinkRow, ReportLinkStore } from '../db/report-link-store';
import type { SettingsStore } from '../db/settings-store';
import { newId } from '../ids';

// Report links for people without an Atelier account (Greenhouse's partner_profile_url): the
// URL carries `<link id>.<expiry>.<HMAC of both>`, signed with a key kept in the settings table,
// so a forged or altered link is refused before any lookup, and the row makes it revocable.

const KEY_SETTING = 'reportLinkKey';

export class ReportLinks {
  constructor(
    private readonly store: ReportLinkStore,
    private readonly settings: SettingsStore,
    private readonly clock: Clock,
    private readonly ttlMs: number,
    private readonly publicUrl: () => string,
  ) {}

  /** A link valid for at least half its lifetime: one is reused rather than made on every poll. */
  urlFor(sessionId: string): string {
    const now = this.clock.now();
    const existing = this.store.activeFor(sessionId, now + this.ttlMs / 2);
    const link = existing ?? this.create(sessionId, now);
    return `${this.publicUrl()}/api/report-links/${this.tokenOf(link)}`;
  }

  /** The session a token opens, if it is genuine, unexpired and not revoked. */
  open(token: string): ReportLinkRow | undefined {
    const [id, expires, signature, ...rest] = token.split('.');
    if (!id || !expires || !signature || rest.length > 0) return undefined;
    if (!sameSecret(signature, this.sign(id, expires))) return undefined;
    const row = this.store.get(id);
    if (!row || row.revokedAt !== null || String(row.expiresAt) !== expires || row.expiresAt <= this.clock.now()) return undefined;
    return row;
  }

  forSession(sessionId: string): ReportLinkRow[] {
    return this.store.forSession(sessionId);
  }

  revoke(id: string): boolean {
    return this.store.revoke(id, this.clock.now());
  }

  private create(sessionId: string, now: number): ReportLinkRow {
    const row: ReportLinkRow = { id: newId(), sessionId, createdAt: now, expiresAt: now + this.ttlMs, revokedAt: null };
    this.store.create(row);
    return row;
  }

  private tokenOf(row: ReportLinkRow): string {
    return `${row.id}.${row.expiresAt}.${this.sign(row.id, String(row.expiresAt))}`;
  }

  private sign(id: string, expires: string): string {
    return createHmac('sha256', this.key()).update(`${id}.${expires}`).digest('base64url');
  }

  private key(): string {
    const stored = this.settings.get(KEY_SETTING);
    if (typeof stored === 'string') return stored;
    const key = newToken();
    this.settings.set(KEY_SETTING, key);
    return key;
  }
}
