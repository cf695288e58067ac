import { createContext } from 'svelte';
import { matchRoute, type Route } from './routes';

// A tiny history-API router: the current path as state, the matched route derived from it.

export class Router {
  path = $state(location.pathname);
  route: Route = $derived(matchRoute(this.path));

  /** Starts following back/forward; returns the stop function for an $effect. */
  listen(): () => void {
    const onPopState = () => {
      this.path = location.pathname;
    };
    addEventListener('popstate', onPopState);
    return () => removeEventListener('popstate', onPopState);
  }

  navigate(path: string, options: { replace?: boolean } = {}): void {
    if (options.replace) history.replaceState(null, '', path);
    else history.pushState(null, '', path);
    this.path = location.pathname;
  }
}

const [getRouterContext, setRouterContext] = createContext<Router>();
export { getRouterContext, setRouterContext };
