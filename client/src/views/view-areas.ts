import { VIEW_AREAS, type Area, type AreaView } from '../lib/i18n/areas';
import type { I18n } from '../lib/i18n/i18n.svelte';
import type { Route } from '../lib/router/routes';

// Which messages a page awaits before its first render, by address (main.ts), and a view's code
// and messages fetched together when the page moves to it (App, SessionView).

export function routeAreas(route: Route): readonly Area[] {
  switch (route.name) {
    case 'admin':
      return VIEW_AREAS.admin;
    case 'me':
      return VIEW_AREAS.me;
    case 'session':
      // An interviewer may get the replay instead (a session already over): SessionView fetches its areas then.
      return VIEW_AREAS[route.role === 'candidate' ? 'candidate' : route.role === 'reviewer' ? 'replay' : 'observer'];
    case 'join':
    case 'notFound':
      return VIEW_AREAS.shell;
  }
}

/** A view's module once it and the messages it shows are in: `{#await openView(i18n, 'admin', load) then …}`. */
export async function openView<T>(i18n: I18n, view: AreaView, load: () => Promise<T>): Promise<T> {
  const [module] = await Promise.all([load(), i18n.need(VIEW_AREAS[view])]);
  return module;
}
