import { listAudit } from '../api/admin-endpoints';
import type { AuditEntry } from '$shared/api/audit';
import { AdminPageState } from './page-state.svelte';

// The audit log, newest first, one page at a time ("older entries" appends the next).

export const AUDIT_PAGE_SIZE = 50;

export class AuditLog extends AdminPageState {
  entries: AuditEntry[] = $state.raw([]);
  nextBefore: number | null = $state(null);
  loaded = $state(false);

  load(): Promise<boolean> {
    return this.run(async () => {
      const page = await listAudit(null, AUDIT_PAGE_SIZE);
      this.entries = page.entries;
      this.nextBefore = page.nextBefore;
      this.loaded = true;
    });
  }

  more(): Promise<boolean> {
    const before = this.nextBefore;
    if (before === null) return Promise.resolve(false);
    return this.run(async () => {
      const page = await listAudit(before, AUDIT_PAGE_SIZE);
      this.entries = [...this.entries, ...page.entries];
      this.nextBefore = page.nextBefore;
    });
  }
}
