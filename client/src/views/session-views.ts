import type { InviteRole } from '$shared/roles';

// Each role's view is its own chunk: a candidate downloads no staff console, and back.

export const loadCandidateView = () => import('./CandidateView.svelte');
export const loadObserverView = () => import('./ObserverView.svelte');
export const loadReplayView = () => import('./ReplayView.svelte');

/** Starts fetching the view a role most likely opens (an interviewer may get the replay instead). */
export function preloadViewFor(role: InviteRole): void {
  void (role === 'candidate' ? loadCandidateView() : role === 'reviewer' ? loadReplayView() : loadObserverView());
}
