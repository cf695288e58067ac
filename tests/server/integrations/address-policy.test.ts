import { createServer } from 'node:http';
import { describe, expect, it } from 'vitest';
import { checkOutboundUrl, isPrivateAddress } from '../../../server/integrations/address-policy';
import { sendOutbound } from '../../../server/integrations/outbound-http';

// The SSRF policy's pieces: which addresses count as inside, and the connect-time check that
// catches a name resolving inside after it was registered (DNS rebinding) or in a redirect-free
// request to a name rather than an address.

describe('the outbound address policy', () => {
  it('counts loopback, private, link-local, shared, reserved and mapped addresses as inside', () => {
    for (const inside of [
      '127.0.0.1',
      '127.8.9.10',
      '10.0.0.1',
      '172.16.5.4',
      '172.31.255.255',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '::1',
      '::',
      'fd00::1',
      'fe80::1',
      '::ffff:127.0.0.1',
      '::ffff:10.1.2.3',
      '224.0.0.1',
      'not-an-ip',
    ]) {
      expect(isPrivateAddress(inside), inside).toBe(true);
    }
    for (const outside of ['8.8.8.8', '172.32.0.1', '100.128.0.1', '1.1.1.1', '2606:4700:4700::1111', '::ffff:8.8.8.8']) {
      expect(isPrivateAddress(outside), outside).toBe(false);
    }
  });

  it('refuses at connect time a name that resolves to a private address', async () => {
    const server = createServer((_request, response) => response.writeHead(204).end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const port = (server.address() as { port: number }).port;
    try {
      const request = { url: `http://localhost:${port}/hook`, method: 'POST' as const, headers: {}, body: '{}' };
      expect(await sendOutbound(request, { timeoutMs: 2_000, policy: { allowPrivate: false } })).toMatchObject({ kind: 'refused' });
      expect(
        await sendOutbound({ ...request, url: `http://127.0.0.1:${port}/hook` }, { timeoutMs: 2_000, policy: { allowPrivate: false } }),
      ).toMatchObject({ kind: 'refused' });
      expect(await sendOutbound(request, { timeoutMs: 2_000, policy: { allowPrivate: true } })).toEqual({ kind: 'response', status: 204 });
    } finally {
      server.close();
    }
  });

  it('refuses URLs that point at the server itself even when private addresses are allowed', async () => {
    const self = { publicUrl: () => 'https://atelier.example', ports: () => [3000] };
    await expect(checkOutboundUrl('https://atelier.example/api/webhooks', { allowPrivate: true }, self)).rejects.toThrow(/this server/);
    await expect(checkOutboundUrl('http://127.0.0.1:3000/', { allowPrivate: true }, self)).rejects.toThrow(/this server/);
    await expect(checkOutboundUrl('http://[::1]:3000/', { allowPrivate: true }, self)).rejects.toThrow(/this server/);
    await expect(checkOutboundUrl('http://127.0.0.1:3001/', { allowPrivate: true }, self)).resolves.toBeInstanceOf(URL);
    await expect(checkOutboundUrl('file:///etc/passwd', { allowPrivate: true }, self)).rejects.toThrow(/http or https/);
  });
});
