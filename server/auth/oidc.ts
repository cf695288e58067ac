import * as client from 'openid-client';
import { AtelierError } from '../../shared/errors';
import { ACCOUNT_ROLES, type AccountRole } from '../../shared/roles';
import type { Clock } from '../clock';
import type { OidcConfig } from '../config';
import { CredentialRefused } from './credential-refused';
import { LocalPendingLogins, type PendingLogins } from './pending-logins';

// Single sign-on with an OpenID Provider through openid-client: the authorization code flow
// with PKCE (S256), state and nonce. The browser carries only the state, in a short-lived
// signed cookie that binds the callback to the browser that started the login; the verifier
// and nonce stay on the server (./pending-logins.ts: this process, or Redis), and each pending login is used once, so a callback replayed (same code,
// same state) finds nothing. openid-client checks the ID token: its signature against the
// issuer's keys, `iss`, `aud`, `exp`, `iat` and the nonce, and the callback's `iss`.

export const OIDC_STATE_COOKIE = 'atelier_oidc';
export const OIDC_LOGIN_SECONDS = 600;

export interface OidcIdentity {
  issuer: string;
  subject: string;
  email: string;
  name: string;
  /** The roles the configured claim grants; undefined when no claim is configured or present. */
  roles: AccountRole[] | undefined;
}

export class OidcSignIn {
  private configuration: Promise<client.Configuration> | undefined;

  constructor(
    private readonly config: OidcConfig,
    private readonly redirectUri: () => string,
    private readonly clock: Clock,
    private readonly pending: PendingLogins = new LocalPendingLogins(clock),
  ) {}

  /** Discovered once, on first use (the provider need not be up when Atelier starts); a failure is retried next time. */
  private discover(): Promise<client.Configuration> {
    this.configuration ??= client
      .discovery(
        new URL(this.config.issuer),
        this.config.clientId,
        // The app's clock, not the machine's, judges the ID token's times.
        { [client.clockSkew]: Math.round((this.clock.now() - Date.now()) / 1000) },
        client.ClientSecretBasic(this.config.clientSecret),
        // Plain http is only accepted by config.ts for a loopback issuer.
        new URL(this.config.issuer).protocol === 'http:' ? { execute: [client.allowInsecureRequests], timeout: 10 } : { timeout: 10 },
      )
      .catch((error: unknown) => {
        this.configuration = undefined;
        throw error;
      });
    return this.configuration;
  }

  /** Where to send the browser, and the state its cookie must carry back. */
  async start(): Promise<{ url: string; state: string }> {
    const configuration = await this.discover().catch(() => {
      throw new AtelierError('internal', 'The identity provider cannot be reached.');
    });
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    await this.pending.put(state, { verifier, nonce, expiresAt: this.clock.now() + OIDC_LOGIN_SECONDS * 1000 });
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: this.redirectUri(),
      scope: 'openid email profile',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { url: url.href, state };
  }

  /**
   * Completes a login: `cookieState` is what the browser's cookie holds, `callbackUrl` the URL
   * the provider redirected to. Any failure is a 401 (counted by the sign-in guard); a domain
   * outside the allowed ones is a 403, counted too.
   */
  async finish(cookieState: string | undefined, callbackUrl: URL): Promise<OidcIdentity> {
    if (!cookieState) throw new AtelierError('unauthorized', 'This sign-in has no state: start again from the sign-in page.');
    // Used once, whatever happens next.
    const login = await this.pending.take(cookieState);
    if (!login || login.expiresAt <= this.clock.now())
      throw new AtelierError('unauthorized', 'This sign-in expired or was already used: start again.');
    const configuration = await this.discover();
    let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
    try {
      tokens = await client.authorizationCodeGrant(configuration, callbackUrl, {
        pkceCodeVerifier: login.verifier,
        expectedState: cookieState,
        expectedNonce: login.nonce,
        idTokenExpected: true,
      });
    } catch (error) {
      throw new AtelierError('unauthorized', `The identity provider's answer was refused: ${describe(error)}`);
    }
    const claims = tokens.claims();
    if (!claims) throw new AtelierError('unauthorized', 'The identity provider sent no ID token.');
    const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : '';
    if (!email || claims.email_verified === false)
      throw new AtelierError('unauthorized', 'The identity provider gave no verified email for this person.');
    const domain = email.split('@').pop() ?? '';
    if (this.config.allowedDomains.length > 0 && !this.config.allowedDomains.includes(domain)) {
      throw new CredentialRefused('forbidden', 'Accounts of this email domain may not sign in here.');
    }
    const name = typeof claims.name === 'string' && claims.name.trim() ? claims.name.trim() : email;
    return {
      issuer: claims.iss,
      subject: claims.sub,
      email,
      name,
      roles: this.config.roleClaim ? rolesOf(claims[this.config.roleClaim]) : undefined,
    };
  }
}

/** The Atelier roles a claim names (an array, or one string separated by spaces or commas); undefined when absent. */
function rolesOf(value: unknown): AccountRole[] | undefined {
  if (value === undefined) return undefined;
  const names: unknown[] = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[\s,]+/) : [];
  return ACCOUNT_ROLES.filter((role) => names.includes(role));
}

/** openid-client's reason, without the provider's whole answer. */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return 'unknown error';
  // openid-client wraps oauth4webapi's error, whose own cause names the claim that failed (aud, exp, iss, nonce…).
  const inner = error.cause instanceof Error ? error.cause : undefined;
  const detail: unknown = inner?.cause;
  const claim =
    detail && typeof detail === 'object' && 'claim' in detail && typeof detail.claim === 'string' ? ` (claim "${detail.claim}")` : '';
  return `${(inner ?? error).message.slice(0, 200)}${claim}`;
}
