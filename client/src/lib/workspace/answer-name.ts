import { answerLabel } from '$shared/answer-label';
import type { SessionState } from '$shared/state';
import type { I18n } from '../i18n/i18n.svelte';

// The shared answer label (shared/answer-label.ts) in the page's language: every card, pin
// and picker goes through here, so an answer has one name on every screen.

export function answerLabelIn(i18n: I18n, state: SessionState, turnId: string): string {
  return answerLabel(state, turnId, i18n.locale, i18n.t('ws.version.draftShort'));
}
