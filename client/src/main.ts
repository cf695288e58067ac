import { mount } from 'svelte';
import App from './App.svelte';
import { AFTER_FIRST_RENDER } from './lib/i18n/areas';
import { I18n } from './lib/i18n/i18n.svelte';
import { prefetchSessionLog } from './lib/live/log-prefetch';
import { matchRoute } from './lib/router/routes';
import { preloadViewFor } from './views/session-views';
import { routeAreas } from './views/view-areas';
import './styles/tokens.css';
import './styles/base.css';

const target = document.getElementById('app');
if (!target) throw new Error('#app is missing from index.html');

// A session page starts its log and its view's code now, while the language loads.
const route = matchRoute(location.pathname);
if (route.name === 'session') {
  prefetchSessionLog(route.sessionId, route.role);
  void import('./views/SessionView.svelte');
  preloadViewFor(route.role);
} else if (route.name === 'join') {
  void import('./views/JoinView.svelte');
}

// The messages the page's view shows, in its language, are fetched before the first render, so
// nothing flashes in another language or blank.
const i18n = await I18n.start(routeAreas(route));

const app = mount(App, { target, props: { i18n } });
void i18n.need(AFTER_FIRST_RENDER).catch(() => undefined); // tried again when one of its messages shows

export default app;
