import type { Clock } from '../clock';
import type { AuditStore } from '../db/audit-store';
import type { SessionStore } from '../db/session-store';
import { eraseSessions, type ErasureDeps } from './erase-sessions';
import type { PrivacySettingsService } from './privacy-settings';
import { SYSTEM_ACTION } from '../db/audit-store';

// The scheduled purge: once at start, then every `intervalMs` on the injectable clock, it
// erases the sessions that ended more than `retentionDays` ago, through the same path as
// DELETE /api/sessions/:id, and audits what it erased.

export const PURGE_INTERVAL_MS = 60 * 60_000;
const DAY_MS = 86_400_000;

export interface RetentionDeps extends ErasureDeps {
  clock: Clock;
  sessions: SessionStore;
  privacy: PrivacySettingsService;
  audit: AuditStore;
}

export class RetentionPurge {
  private timer: { cancel(): void } | null = null;
  private running: Promise<string[]> | null = null;
  private onError: (error: unknown) => void = () => {};

  constructor(
    private readonly deps: RetentionDeps,
    private readonly intervalMs = PURGE_INTERVAL_MS,
  ) {}

  /** Purges now, then on every interval until `stop`. */
  start(onError: (error: unknown) => void): void {
    this.onError = onError;
    this.stop();
    void this.runSafely();
    this.arm();
  }

  stop(): void {
    this.timer?.cancel();
    this.timer = null;
  }

  /** Erases expired sessions now; returns their ids. Runs never overlap. */
  run(): Promise<string[]> {
    this.running ??= this.purge().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private arm(): void {
    this.timer = this.deps.clock.setTimeout(() => {
      void this.runSafely();
      this.arm();
    }, this.intervalMs);
  }

  private async runSafely(): Promise<void> {
    try {
      await this.run();
    } catch (error) {
      this.onError(error);
    }
  }

  private async purge(): Promise<string[]> {
    const { retentionDays } = this.deps.privacy.get();
    if (retentionDays === null) return [];
    const cutoff = this.deps.clock.now() - retentionDays * DAY_MS;
    const ids = this.deps.sessions.endedBefore(cutoff);
    if (ids.length === 0) return [];
    const erased = await eraseSessions(this.deps, ids);
    this.deps.audit.record({
      actor: SYSTEM_ACTION,
      action: 'retention.purge',
      details: { retentionDays, cutoff, sessionIds: erased.map((s) => s.id), count: erased.length },
    });
    return erased.map((s) => s.id);
  }
}
