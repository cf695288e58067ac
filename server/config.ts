import { isIP } from 'node:net';
import { availableParallelism, hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { LIMITS } from '../shared/limits';

// Every setting the server reads from its environment, parsed once at start.
// README.md's configuration table lists the same names; keep them in step.

export interface AppConfig {
  port: number;
  host: string;
  /** The origin users reach Atelier at; invite links are built on it. */
  publicUrl: string;
  dataDir: string;
  databaseFile: string;
  /** DATABASE_URL: `postgres://…` puts the data in PostgreSQL instead of `databaseFile` (docs/deploy.md). */
  databaseUrl: string | undefined;
  /** This node's name among several sharing one PostgreSQL database; stable across restarts. */
  nodeId: string;
  /** How long a node's lease on a session lasts unless renewed: the failover time after it dies. */
  leaseTtlMs: number;
  /** REDIS_URL: what several nodes share (rate limits, sign-in guard and lockout, live budgets, pending SSO logins); unset, each node counts alone. */
  redisUrl: string | undefined;
  /** ATELIER_REDIS_PREFIX: the start of every Redis key Atelier writes. */
  redisPrefix: string;
  /** When unset, generated at first start and kept in the data directory. */
  adminToken: string | undefined;
  /**
   * Origins allowed to open the live socket besides `publicUrl`: ATELIER_ALLOWED_ORIGINS (e.g.
   * Vite's dev server) and, without PUBLIC_URL, the loopback names of the default address.
   */
  allowedOrigins: string[];
  /** Path of the providers config file; undefined: `atelier.config.json` if present. */
  providersConfig: string | undefined;
  /**
   * Worker threads that read the configured providers' streams off the event loop
   * (server/llm/threads/); 0 reads them on it. Default: 1 when the machine has more than one core.
   */
  providerThreads: number;
  simulator: { paceMs: number; firstTokenMs: number };
  coalescing: { intervalMs: number; maxChars: number };
  limits: { maxConcurrentTurns: number; turnsPerMinute: number; failedJoinsPerMinute: number };
  /** How long one answer's automatic checks may run (on their worker thread) before they are stopped. */
  checkTimeoutMs: number;
  /** How long a judge model may take to grade one answer before the check is left ungraded. */
  judgeTimeoutMs: number;
  /** Flood limits at the edge: per address over HTTP, per participant on the live channel. */
  rateLimits: RateLimits;
  inviteTtlDays: number;
  /** Where the built client lives; absent files are answered with a hint to build. */
  clientDir: string;
  logLevel: string;
  /**
   * Which peers may say who the client is (X-Forwarded-For, -Proto, -Host): nobody (false) or
   * only these proxy addresses and CIDR ranges. Never "anyone": a forged X-Forwarded-For would
   * give every guess a new address.
   */
  trustProxy: TrustProxy;
  /** Load providers' model lists over the network at start. */
  fetchModelLists: boolean;
  /** Single sign-on with an OpenID Provider; null when ATELIER_OIDC_ISSUER is unset. */
  oidc: OidcConfig | null;
  /** Where invite emails go out (smtp://user:pass@host:port, smtps://…); unset: no email. */
  smtpUrl: string | undefined;
  /** The From of invite emails. */
  mailFrom: string;
  /**
   * The hosts (and their subdomains) a Greenhouse send_test `url` may name: the completion PATCH
   * carries the admin's Greenhouse credentials, so a leaked partner key must not aim it elsewhere.
   */
  greenhouseHosts: string[];
  /** How long a report link (Greenhouse's partner_profile_url) stays valid. */
  reportLinkTtlDays: number;
  /** Requests Atelier sends to integrations (webhooks, Greenhouse). */
  outbound: OutboundSettings;
}

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Email domains allowed to sign in (lowercase); empty: any. */
  allowedDomains: string[];
  /** An ID token claim listing Atelier roles (array, or space/comma separated); null: roles are granted by an admin. */
  roleClaim: string | null;
}

export interface OutboundSettings {
  /** The bound on one request, connection to last byte. */
  timeoutMs: number;
  /** Requests in flight at once. */
  concurrency: number;
  /** Whether loopback and private addresses may be sent to (address-policy.ts). */
  allowPrivate: boolean;
}

export type TrustProxy = false | string[];

export interface RateLimits {
  /** API requests per address per minute. */
  requestsPerMinute: number;
  /** Requests to /api/auth/* per address per minute. */
  signInsPerMinute: number;
  /** Live frames per participant per minute, all its sockets together. */
  framesPerMinute: number;
  /** Characters of live frame text per participant per minute. */
  frameCharsPerMinute: number;
  /** Live handshakes per participant per minute. */
  handshakesPerMinute: number;
}

type Env = Record<string, string | undefined>;

function oidcConfig(env: Env): OidcConfig | null {
  const issuer = env.ATELIER_OIDC_ISSUER?.trim();
  if (!issuer) return null;
  const clientId = env.ATELIER_OIDC_CLIENT_ID?.trim();
  const clientSecret = env.ATELIER_OIDC_CLIENT_SECRET;
  if (!clientId || !clientSecret)
    throw new Error('ATELIER_OIDC_ISSUER needs ATELIER_OIDC_CLIENT_ID and ATELIER_OIDC_CLIENT_SECRET as well.');
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    throw new Error(`ATELIER_OIDC_ISSUER: "${issuer}" is not a URL.`);
  }
  // Plain HTTP only to a provider on this machine (development, tests): tokens must not cross a network in clear.
  if (url.protocol !== 'https:' && !['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) {
    throw new Error('ATELIER_OIDC_ISSUER must be an https:// URL (plain http is allowed only on loopback).');
  }
  const allowedDomains = (env.ATELIER_OIDC_ALLOWED_DOMAINS ?? '')
    .split(',')
    .map((d) => d.trim().toLowerCase().replace(/^@/, ''))
    .filter(Boolean);
  return { issuer, clientId, clientSecret, allowedDomains, roleClaim: env.ATELIER_OIDC_ROLE_CLAIM?.trim() || null };
}

export function loadConfig(env: Env = process.env, overrides: Partial<AppConfig> = {}): AppConfig {
  const port = int(env.PORT, 3000);
  const host = env.HOST ?? '127.0.0.1';
  const dataDir = resolve(env.ATELIER_DATA_DIR ?? './data');
  const publicUrl = (env.PUBLIC_URL ?? `http://${host === '0.0.0.0' || host === '::' ? 'localhost' : host}:${port}`).replace(/\/+$/, '');
  return {
    port,
    host,
    publicUrl,
    dataDir,
    databaseFile: join(dataDir, 'atelier.db'),
    databaseUrl: databaseUrl(env.DATABASE_URL),
    nodeId: env.ATELIER_NODE_ID || `${hostname()}-${process.pid}`,
    leaseTtlMs: int(env.ATELIER_LEASE_TTL_MS, 3_000),
    redisUrl: env.REDIS_URL || undefined,
    redisPrefix: env.ATELIER_REDIS_PREFIX ?? 'atelier:',
    adminToken: env.ATELIER_ADMIN_TOKEN || undefined,
    allowedOrigins: [
      ...(env.ATELIER_ALLOWED_ORIGINS ?? '')
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
      ...(env.PUBLIC_URL ? [] : loopbackOrigins(host, port)),
    ],
    providersConfig: env.ATELIER_CONFIG || undefined,
    providerThreads: Math.max(0, int(env.ATELIER_PROVIDER_THREADS, availableParallelism() > 1 ? 1 : 0)),
    simulator: { paceMs: num(env.ATELIER_SIMULATOR_PACE_MS, 30), firstTokenMs: num(env.ATELIER_SIMULATOR_FIRST_TOKEN_MS, 350) },
    coalescing: { intervalMs: num(env.ATELIER_DELTA_INTERVAL_MS, 50), maxChars: int(env.ATELIER_DELTA_MAX_CHARS, 2048) },
    limits: {
      maxConcurrentTurns: int(env.ATELIER_MAX_CONCURRENT_TURNS, 4),
      turnsPerMinute: int(env.ATELIER_TURNS_PER_MINUTE, 30),
      failedJoinsPerMinute: int(env.ATELIER_FAILED_JOINS_PER_MINUTE, LIMITS.failedJoinsPerMinute),
    },
    rateLimits: {
      requestsPerMinute: int(env.ATELIER_REQUESTS_PER_MINUTE, LIMITS.requestsPerMinute),
      signInsPerMinute: int(env.ATELIER_SIGN_INS_PER_MINUTE, LIMITS.signInsPerMinute),
      framesPerMinute: int(env.ATELIER_FRAMES_PER_MINUTE, LIMITS.framesPerMinute),
      frameCharsPerMinute: int(env.ATELIER_FRAME_CHARS_PER_MINUTE, LIMITS.frameCharsPerMinute),
      handshakesPerMinute: int(env.ATELIER_HANDSHAKES_PER_MINUTE, LIMITS.handshakesPerMinute),
    },
    checkTimeoutMs: int(env.ATELIER_CHECK_TIMEOUT_MS, 2_000),
    judgeTimeoutMs: int(env.ATELIER_JUDGE_TIMEOUT_MS, 60_000),
    inviteTtlDays: num(env.ATELIER_INVITE_TTL_DAYS, 14),
    clientDir: resolve(env.ATELIER_CLIENT_DIR ?? './dist/client'),
    logLevel: env.LOG_LEVEL ?? 'info',
    trustProxy: parseTrustProxy(env.ATELIER_TRUST_PROXY),
    fetchModelLists: env.ATELIER_FETCH_MODEL_LISTS !== '0',
    oidc: oidcConfig(env),
    smtpUrl: env.ATELIER_SMTP_URL || undefined,
    mailFrom: env.ATELIER_MAIL_FROM || 'Atelier <atelier@localhost>',
    reportLinkTtlDays: num(env.ATELIER_REPORT_LINK_TTL_DAYS, 30),
    greenhouseHosts: (env.ATELIER_GREENHOUSE_HOSTS ?? 'greenhouse.io')
      .split(',')
      .map((host) => host.trim().toLowerCase())
      .filter(Boolean),
    outbound: {
      timeoutMs: int(env.ATELIER_OUTBOUND_TIMEOUT_MS, 10_000),
      concurrency: Math.max(1, int(env.ATELIER_OUTBOUND_CONCURRENCY, 4)),
      allowPrivate: env.ATELIER_OUTBOUND_ALLOW_PRIVATE === '1',
    },
    ...overrides,
  };
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '0.0.0.0', '::']);

/** Listening on loopback with no PUBLIC_URL, http://localhost:3000 and http://127.0.0.1:3000 are both us. */
function loopbackOrigins(host: string, port: number): string[] {
  if (!LOOPBACK_HOSTS.has(host)) return [];
  return [`http://localhost:${port}`, `http://127.0.0.1:${port}`, `http://[::1]:${port}`];
}

// proxy-addr's names for address ranges, accepted by Fastify's trustProxy like addresses.
const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * `ATELIER_TRUST_PROXY`: unset, `false` or `0` trusts nobody; else the comma-separated addresses
 * or CIDR ranges of the proxies in front of Atelier (`127.0.0.1,10.0.0.0/8`). `true` and hop
 * counts are refused: they trust whoever connects, so anyone reaching the port could forge
 * X-Forwarded-For (Fastify itself now treats a hop count as trusting nobody).
 */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const text = value?.trim() ?? '';
  if (text === '' || text === 'false' || text === '0') return false;
  if (text === 'true' || /^\d+$/.test(text)) {
    throw new Error(
      `ATELIER_TRUST_PROXY=${text} would trust any peer's X-Forwarded-For; give the proxy's address instead (e.g. "127.0.0.1" for a proxy on this host, or "10.0.0.0/8").`,
    );
  }
  const entries = text
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  for (const entry of entries) {
    if (!isAddressOrRange(entry)) {
      throw new Error(`ATELIER_TRUST_PROXY: "${entry}" is not an address or a CIDR range (e.g. "127.0.0.1,10.0.0.0/8").`);
    }
  }
  return entries;
}

function isAddressOrRange(entry: string): boolean {
  if (NAMED_RANGES.has(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  const bits = /^\d+$/.test(prefix) ? Number(prefix) : NaN;
  return bits >= 0 && bits <= (family === 4 ? 32 : 128);
}

function int(value: string | undefined, fallback: number): number {
  const n = value === undefined || value === '' ? NaN : Number.parseInt(value, 10);
  return Number.isFinite(n) ? n : fallback;
}

function num(value: string | undefined, fallback: number): number {
  const n = value === undefined || value === '' ? NaN : Number(value);
  return Number.isFinite(n) ? n : fallback;
}

/** Only PostgreSQL URLs: anything else is a mistake better reported at start than ignored. */
function databaseUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  if (!/^postgres(ql)?:\/\//.test(value)) throw new Error('DATABASE_URL must be a postgres:// URL (leave it unset for SQLite).');
  return value;
}
