import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

// A real OpenID Provider (oidc-provider, the certified Node implementation) on a loopback
// port, for the single sign-on tests. Its development login and consent screens are driven by
// `browser` below, which keeps cookies per host like a browser does.

export interface IdentityProvider {
  issuer: string;
  provider: Provider;
  /** Registers Atelier's redirect URI; the provider answers requests from then on. */
  register(redirectUri: string): void;
  close(): Promise<void>;
}

export interface Person {
  email: string;
  email_verified?: boolean;
  name?: string;
  atelier_roles?: string[];
}

export const CLIENT = { id: 'atelier', secret: 'atelier-client-secret-0123456789' };

export async function startIdentityProvider(people: Record<string, Person>): Promise<IdentityProvider> {
  let handler: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
  const server = createServer((req, res) => (handler ? handler(req, res) : res.writeHead(503).end()));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let provider!: Provider;
  return {
    issuer,
    get provider() {
      return provider;
    },
    register(redirectUri) {
      provider = new Provider(issuer, {
        clients: [
          {
            client_id: CLIENT.id,
            client_secret: CLIENT.secret,
            redirect_uris: [redirectUri],
            grant_types: ['authorization_code'],
            response_types: ['code'],
          },
        ],
        // The ID token itself carries the profile claims (the default keeps them for userinfo).
        conformIdTokenClaims: false,
        claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'atelier_roles'] },
        findAccount: (_ctx, id) => {
          const person = people[id];
          return person ? { accountId: id, claims: () => ({ sub: id, ...person }) } : undefined;
        },
      });
      handler = provider.callback();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A cookie jar per origin and a fetch that never follows redirects, like a browser's network layer. */
export function browser() {
  const jars = new Map<string, Map<string, string>>();
  async function request(url: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<Response> {
    const { origin } = new URL(url);
    const jar = jars.get(origin) ?? new Map<string, string>();
    jars.set(origin, jar);
    const headers: Record<string, string> = {};
    if (jar.size) headers.cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    if (init.form) headers['content-type'] = 'application/x-www-form-urlencoded';
    const response = await fetch(url, {
      method: init.method ?? 'GET',
      headers,
      body: init.form ? new URLSearchParams(init.form).toString() : undefined,
      redirect: 'manual',
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const index = pair!.indexOf('=');
      const [name, value] = [pair!.slice(0, index), pair!.slice(index + 1)];
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) jar.delete(name);
      else jar.set(name, value);
    }
    return response;
  }
  return {
    request,
    cookie: (origin: string, name: string) => jars.get(new URL(origin).origin)?.get(name),
    setCookie: (origin: string, name: string, value: string) => {
      const jar = jars.get(new URL(origin).origin) ?? new Map<string, string>();
      jar.set(name, value);
      jars.set(new URL(origin).origin, jar);
    },
    /** Follows redirects from `url` until one leaves `stopAt`'s origin or an answer is not a redirect. */
    async follow(url: string, stopAt: string): Promise<{ url: string; response: Response }> {
      let current = url;
      for (let hops = 0; hops < 20; hops++) {
        const response = await request(current);
        const location = response.headers.get('location');
        if (response.status < 300 || response.status >= 400 || !location) return { url: current, response };
        current = new URL(location, current).href;
        if (new URL(current).origin === new URL(stopAt).origin) return { url: current, response };
      }
      throw new Error('too many redirects');
    },
  };
}

export type Browser = ReturnType<typeof browser>;

/**
 * Signs `login` in at the provider from an authorization URL and consents; returns the
 * callback URL the provider redirects the browser to (not yet opened).
 */
export async function loginAtProvider(b: Browser, authorizationUrl: string, login: string, atelierUrl: string): Promise<string> {
  let next = authorizationUrl;
  for (let step = 0; step < 10; step++) {
    const { url, response } = await b.follow(next, atelierUrl);
    if (new URL(url).origin === new URL(atelierUrl).origin) return url;
    const html = await response.text();
    const uid = /\/interaction\/([^/?"]+)/.exec(url)?.[1];
    if (!uid) throw new Error(`unexpected page at ${url}: ${response.status} ${html.slice(0, 300)}`);
    const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1] ?? (html.includes('name="login"') ? 'login' : 'consent');
    const submitted = await b.request(url, { method: 'POST', form: prompt === 'login' ? { prompt, login, password: 'any' } : { prompt } });
    const location = submitted.headers.get('location');
    if (!location) throw new Error(`the ${prompt} form answered ${submitted.status}: ${(await submitted.text()).slice(0, 300)}`);
    next = new URL(location, url).href;
    if (new URL(next).origin === new URL(atelierUrl).origin) return next;
  }
  throw new Error('the provider never sent the browser back');
}
