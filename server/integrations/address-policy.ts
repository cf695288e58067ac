import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP } from 'node:net';
import { networkInterfaces } from 'node:os';
import { AtelierError } from '../../shared/errors';

// Where Atelier may send requests it makes on someone's behalf (webhooks, Greenhouse PATCHes):
// the URL is an admin's or a partner's, so it must not become a way to reach what only the
// server can reach (SSRF). By default, an address that is loopback, private, link-local,
// shared (CGNAT) or unspecified is refused, at registration and again when each request
// connects (the lookup below), so a name that later resolves elsewhere (DNS rebinding) is caught
// too. ATELIER_OUTBOUND_ALLOW_PRIVATE=1 lifts that for receivers on the same network (and the
// tests' loopback receivers). A URL that points at Atelier itself is refused in any case.

const PRIVATE = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  PRIVATE.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  PRIVATE.addSubnet(network, prefix, 'ipv6');
}

/** An IPv4-mapped IPv6 address (::ffff:10.0.0.1) is the IPv4 address it maps. */
function normalize(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1]! : address;
}

export function isPrivateAddress(address: string): boolean {
  const ip = normalize(address);
  const family = isIP(ip);
  if (family === 0) return true;
  return PRIVATE.check(ip, family === 4 ? 'ipv4' : 'ipv6');
}

/** This machine's own addresses: loopback, unspecified and every interface's. */
function isLocalAddress(address: string): boolean {
  const ip = normalize(address);
  if (ip === '0.0.0.0' || ip === '::' || ip.startsWith('127.') || ip === '::1') return true;
  return Object.values(networkInterfaces()).some((list) => list?.some((entry) => normalize(entry.address) === ip));
}

export interface AddressPolicy {
  allowPrivate: boolean;
}

export class RefusedAddressError extends Error {}

/** Why Atelier may not connect to `address`, or undefined when it may. */
export function refusal(policy: AddressPolicy, address: string): string | undefined {
  if (!policy.allowPrivate && isPrivateAddress(address))
    return `${address} is a private, loopback or reserved address (ATELIER_OUTBOUND_ALLOW_PRIVATE=1 allows it).`;
  return undefined;
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** A `lookup` for http.request that connects only to addresses the policy allows. */
export function guardedLookup(policy: AddressPolicy) {
  return (hostname: string, options: { all?: boolean; family?: number | string }, callback: LookupCallback): void => {
    dnsLookup(hostname, { ...options, all: true } as { all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const refused = addresses.map((a) => refusal(policy, a.address)).find(Boolean);
      if (refused) return callback(Object.assign(new RefusedAddressError(refused), { code: 'EREFUSEDADDRESS' }), []);
      if (options.all) return callback(null, addresses);
      const first = addresses[0];
      if (!first) return callback(Object.assign(new Error(`${hostname} has no address.`), { code: 'ENOTFOUND' }), []);
      callback(null, first.address, first.family);
    });
  };
}

async function resolveAll(hostname: string): Promise<string[]> {
  const bare = hostname.replace(/^\[|\]$/g, '');
  if (isIP(bare)) return [bare];
  return new Promise((resolve, reject) => {
    dnsLookup(bare, { all: true }, (error, addresses) => (error ? reject(error) : resolve(addresses.map((a) => a.address))));
  });
}

export interface SelfAddress {
  /** PUBLIC_URL. */
  publicUrl: () => string;
  /** The ports the server listens on. */
  ports: () => number[];
}

/**
 * Checks a URL someone asks Atelier to send to: http(s), no credentials in it, not Atelier
 * itself, (by the policy) no private address, and on one of `allowedHosts` when given.
 * Throws invalid_payload naming `field`.
 */
export async function checkOutboundUrl(
  raw: string,
  policy: AddressPolicy,
  self: SelfAddress,
  field = 'url',
  allowedHosts?: readonly string[],
): Promise<URL> {
  // The reason is the message itself (shown as is by the admin page): a field rule would lose it.
  const refuse = (message: string) => new AtelierError('invalid_payload', `${field}: ${message}`);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw refuse('The URL is not valid.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw refuse('The URL must be http or https.');
  if (url.username || url.password) throw refuse('The URL must not carry credentials.');
  const host = url.hostname.toLowerCase();
  if (allowedHosts && !allowedHosts.some((allowed) => host === allowed || host.endsWith(`.${allowed}`))) {
    throw refuse(`The URL must be on ${allowedHosts.join(', ')} (ATELIER_GREENHOUSE_HOSTS).`);
  }
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  if (url.origin === new URL(self.publicUrl()).origin) throw refuse('The URL points at this server.');
  let addresses: string[];
  try {
    addresses = await resolveAll(url.hostname);
  } catch {
    throw refuse(`${url.hostname} could not be resolved.`);
  }
  if (self.ports().includes(port) && addresses.some(isLocalAddress)) throw refuse('The URL points at this server.');
  const refused = addresses.map((address) => refusal(policy, address)).find(Boolean);
  if (refused) throw refuse(`The URL is refused: ${refused}`);
  return url;
}
