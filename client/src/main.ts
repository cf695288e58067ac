import { mount } from 'svelte';
import App from './App.svelte';
import { detectLocale, loadLocale } from './lib/i18n/i18n.svelte';
import { prefetchSessionLog } from './lib/live/log-prefetch';
import { matchRoute } from './lib/router/routes';
import { preloadViewFor } from './views/session-views';
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
}

// The page's language is fetched before the first render, so nothing flashes in another one.
await loadLocale(detectLocale()).catch(() => loadLocale('en'));

export default mount(App, { target });
