import { SEED_THREAD, type SessionState } from '../../../../shared/state';
import type { I18n } from '../i18n/i18n.svelte';

// Where a flagged answer is (the seeded conversation, a test case, a comparison, the chat),
// named the same in the Flags tab and in the write-up template.
export function flagPlace(i18n: Pick<I18n, 't'>, session: SessionState, turnId: string): string {
  const turn = session.turns[turnId];
  if (!turn) return '';
  if (turn.threadId === SEED_THREAD) return i18n.t('ws.chat.seed');
  if (turn.runId && turn.caseId) return i18n.t('ws.flags.inTest', { title: session.testCases[turn.caseId]?.title || turn.caseId });
  if (turn.compareId && turn.side) return i18n.t('ws.flags.inCompare', { side: turn.side.toUpperCase() });
  return i18n.t('ws.chat.mine');
}
