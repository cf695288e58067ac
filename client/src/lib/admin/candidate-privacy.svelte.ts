import { candidateExportPath, eraseCandidate } from '../api/admin-endpoints';
import type { CandidateSubject, ErasedSession } from '$shared/api/privacy';
import { downloadJson } from '../api/download';
import { AdminPageState } from './page-state.svelte';

// A candidate's rights: export everything held about them, or erase it all.

export class CandidatePrivacy extends AdminPageState {
  /** What the last erasure removed; null before any. */
  erased: ErasedSession[] | null = $state.raw(null);

  erase(subject: CandidateSubject): Promise<boolean> {
    this.erased = null;
    return this.run(async () => {
      this.erased = (await eraseCandidate(subject)).erased;
    });
  }

  exportData(subject: CandidateSubject, includeStaffEvents: boolean): Promise<boolean> {
    return this.run(() => downloadJson(candidateExportPath(subject, includeStaffEvents), 'atelier-candidate-export.json'));
  }
}
