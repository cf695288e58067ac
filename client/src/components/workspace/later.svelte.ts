import { WORKSPACE_LATER } from '../../lib/i18n/areas';
import type { I18n } from '../../lib/i18n/i18n.svelte';
import { LazyModule } from '../../lib/lazy-module.svelte';

/** The workspace's later parts (./later-panels.ts) and the messages they show, one fetch for the page. */
export const later = new LazyModule(async (i18n: I18n) => {
  const [module] = await Promise.all([import('./later-panels'), i18n.need(WORKSPACE_LATER)]);
  return module;
});
