// What a workspace does not show on its first screen: the side panels it does not open on (it
// opens on Tests), a test answer opened from the matrix, the staff's prompt in focus, and the word
// diff (the diff between versions, last in the prompt pane, so nothing moves when it comes in; the
// staff's count of words changed since they looked). Their own chunk, fetched once the workspace
// is on screen (see later.svelte.ts), so the first load carries only what the first screen shows.
export { default as BriefPanel } from './BriefPanel.svelte';
export { default as ComparePanel } from '../compare/ComparePanel.svelte';
export { default as FlagsPanel } from '../flags/FlagsPanel.svelte';
export { default as WriteupPanel } from '../writeup/WriteupPanel.svelte';
export { default as PromptFocus } from '../prompt/PromptFocus.svelte';
export { default as CaseResult } from '../tests/CaseResult.svelte';
export { default as VersionDiff } from '../prompt/VersionDiff.svelte';
export { diffStats, wordDiff } from '$shared/diff';
