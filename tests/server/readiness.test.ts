import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server';

// A load balancer asks /api/health/ready whether to send a node users: yes only while the
// database answers, and Redis too when the node is configured with one.

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const ready = async (s: TestServer) => {
  const response = await fetch(`${s.url}/api/health/ready`);
  return { status: response.status, body: await response.json() };
};

/** A loopback port nothing listens on: a Redis that is down. */
async function deadPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe('readiness', () => {
  it('is ok while the database answers, without Redis configured', async () => {
    server = await startTestServer();
    expect(await ready(server)).toEqual({ status: 200, body: { status: 'ok', database: 'ok', redis: 'not_configured' } });
  });

  it('is ok with a Redis that answers', async () => {
    server = await startTestServer({ config: { redisUrl: 'redis://127.0.0.1:6379', redisPrefix: `atelier-ready-${process.pid}:` } });
    expect(await ready(server)).toEqual({ status: 200, body: { status: 'ok', database: 'ok', redis: 'ok' } });
  });

  it('answers 503 when the configured Redis is down, while liveness still answers', async () => {
    server = await startTestServer({ config: { redisUrl: `redis://127.0.0.1:${await deadPort()}`, redisPrefix: 'atelier-ready-dead:' } });
    expect(await ready(server)).toEqual({ status: 503, body: { status: 'unavailable', database: 'ok', redis: 'unavailable' } });
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });

  it('answers 503 once the database no longer answers', async () => {
    server = await startTestServer();
    await server.app.services.database.close();
    expect(await ready(server)).toEqual({ status: 503, body: { status: 'unavailable', database: 'unavailable', redis: 'not_configured' } });
  });
});
