import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

// A webhook receiver as an integrator would write one (docs/api.md, "Verifying a delivery"):
// it checks Atelier-Signature against the raw body with the shared secret, and records what
// came. Its behaviour can be changed mid-test: answer 2xx, answer an error, hang, or be down.

export interface Received {
  headers: IncomingMessage['headers'];
  method: string;
  path: string;
  body: string;
  /** The signature matched the raw body and the secret. */
  verified: boolean;
}

export type ReceiverMode = { kind: 'ok' } | { kind: 'status'; status: number } | { kind: 'hang' } | { kind: 'trickle' };

/** The check a receiver runs: HMAC-SHA256 of "<t>.<raw body>", compared in constant time. */
export function verifySignature(header: string | undefined, body: string, secret: string): boolean {
  const parts = Object.fromEntries((header ?? '').split(',').map((kv) => kv.split('=') as [string, string]));
  if (!parts.t || !parts.v1) return false;
  const expected = createHmac('sha256', secret).update(`${parts.t}.${body}`).digest();
  const given = Buffer.from(parts.v1, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export class WebhookReceiver {
  readonly received: Received[] = [];
  mode: ReceiverMode = { kind: 'ok' };
  private server: Server;
  private readonly hanging = new Set<ServerResponse>();
  private port = 0;

  private constructor(private readonly secret: string) {
    this.server = this.makeServer();
  }

  static async start(secret: string): Promise<WebhookReceiver> {
    const receiver = new WebhookReceiver(secret);
    await receiver.listen(0);
    return receiver;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/hooks/atelier`;
  }

  /** Valid, signed bodies, parsed. */
  events(): { id: string; type: string; data: { session: { id: string } } }[] {
    return this.received.filter((r) => r.verified).map((r) => JSON.parse(r.body));
  }

  /** Stops listening: connections are refused until `up`. */
  async down(): Promise<void> {
    for (const response of this.hanging) response.destroy();
    this.hanging.clear();
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  async up(): Promise<void> {
    this.server = this.makeServer();
    await this.listen(this.port);
  }

  async close(): Promise<void> {
    if (this.server.listening) await this.down();
  }

  private listen(port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => {
        this.port = (this.server.address() as { port: number }).port;
        resolve();
      });
    });
  }

  private makeServer(): Server {
    return createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (c: Buffer) => chunks.push(c));
      request.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const signature = request.headers['atelier-signature'];
        this.received.push({
          headers: request.headers,
          method: request.method ?? '',
          path: request.url ?? '',
          body,
          verified: verifySignature(typeof signature === 'string' ? signature : undefined, body, this.secret),
        });
        const mode = this.mode;
        if (mode.kind === 'ok') response.writeHead(204).end();
        else if (mode.kind === 'status') response.writeHead(mode.status).end('not now');
        else if (mode.kind === 'hang') this.hanging.add(response);
        else {
          // Headers at once, then a byte a second: the answer never completes in time.
          response.writeHead(200, { 'content-type': 'text/plain' });
          this.hanging.add(response);
          const drip = setInterval(() => (response.destroyed ? clearInterval(drip) : response.write('.')), 1000);
        }
      });
    });
  }
}
