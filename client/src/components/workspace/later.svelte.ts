import { LazyModule } from '../../lib/lazy-module.svelte';

/** The workspace's later parts (./later-panels.ts), one fetch for the page. */
export const later = new LazyModule(() => import('./later-panels'));
