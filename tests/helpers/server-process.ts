import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// Atelier as users run it: its own process, its own event loop, talking over loopback.
// Used by the crash-safety test (SIGKILL) and by the benchmarks.

export interface AtelierProcess {
  url: string;
  wsUrl: string;
  adminToken: string;
  pid: number;
  child: ChildProcess;
  dataDir: string;
  /** Everything the process printed. */
  output(): string;
  /** Kills the process with `signal` and waits for it to exit; the data directory stays. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** SIGTERM, then removes the data directory unless it was given. */
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const port = (probe.address() as { port: number }).port;
      probe.close(() => resolve(port));
    });
  });
}

export interface StartOptions {
  fakeProviderUrl?: string;
  env?: Record<string, string>;
  cwd?: string;
  /** Reuse a data directory (restarts); it is then not removed by `stop`. */
  dataDir?: string;
  port?: number;
  /** Extra node flags (e.g. `--expose-gc`), before those of ATELIER_BENCH_NODE_ARGS. */
  nodeArgs?: string[];
}

let bundled: Promise<string> | undefined;

/** Bundles the server once per test process (esbuild, well under a second): restarts are then fast. */
export function serverBundle(): Promise<string> {
  bundled ??= (async () => {
    // The build `npm start` uses, in a folder of this process's own (two levels down, as
    // dist/server is, so that the bundle finds migrations/ and node_modules).
    const { buildServer } = (await import(pathToFileURL(join(ROOT, 'scripts/server-build.mjs')).href)) as {
      buildServer(outdir: string): Promise<string>;
    };
    return buildServer(join(ROOT, 'dist', `test-server-${process.pid}`));
  })();
  return bundled;
}

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export async function startAtelier(options: StartOptions = {}): Promise<AtelierProcess> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'atelier-process-'));
  const port = options.port ?? (await freePort());
  const adminToken = 'bench-admin-token-0123456789';
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    PORT: String(port),
    HOST: '127.0.0.1',
    ATELIER_DATA_DIR: dataDir,
    ATELIER_ADMIN_TOKEN: adminToken,
    ATELIER_FETCH_MODEL_LISTS: '0',
    ATELIER_TURNS_PER_MINUTE: '100000',
    // Benchmarks drive hundreds of clients from one address; the limits have their own tests.
    ATELIER_REQUESTS_PER_MINUTE: '100000000',
    ATELIER_SIGN_INS_PER_MINUTE: '100000000',
    ATELIER_FRAMES_PER_MINUTE: '100000000',
    ATELIER_FRAME_CHARS_PER_MINUTE: '100000000000',
    ATELIER_HANDSHAKES_PER_MINUTE: '100000000',
    LOG_LEVEL: 'warn',
    // A/B runs of the benchmarks against another setting (`ATELIER_BENCH_SERVER_ENV="ATELIER_PROVIDER_THREADS=0"`).
    // A value may hold '=' itself (NODE_OPTIONS=--flag=value): split at the first one.
    ...Object.fromEntries(
      (process.env.ATELIER_BENCH_SERVER_ENV?.split(' ').filter(Boolean) ?? []).map((pair) => [
        pair.slice(0, pair.indexOf('=')),
        pair.slice(pair.indexOf('=') + 1),
      ]),
    ),
    ...options.env,
  };
  if (options.fakeProviderUrl) {
    const configPath = join(dataDir, 'atelier.config.json');
    writeFileSync(
      configPath,
      JSON.stringify({
        providers: [
          { id: 'bench', kind: 'openai', baseUrl: `${options.fakeProviderUrl}/v1`, apiKeyEnv: 'BENCH_KEY', models: [{ id: 'fake' }] },
        ],
      }),
    );
    env.ATELIER_CONFIG = configPath;
    env.BENCH_KEY = 'sk-bench-not-a-real-key';
  }
  const entry = await serverBundle();
  const nodeArgs = [...(options.nodeArgs ?? []), ...(process.env.ATELIER_BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? [])];
  const child = spawn(process.execPath, [...nodeArgs, entry], {
    env,
    cwd: options.cwd ?? process.env.ATELIER_BENCH_CWD ?? ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const url = `http://127.0.0.1:${port}`;
  // Generous: under a loaded CI machine tsx's first compile of the server can take a while.
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`Atelier exited: ${output}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`Atelier did not start: ${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const atelier: AtelierProcess = {
    url,
    wsUrl: url.replace('http', 'ws'),
    adminToken,
    pid: child.pid!,
    child,
    dataDir,
    output: () => output,
    async kill(signal = 'SIGKILL') {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill(signal);
      await exited;
    },
    async stop() {
      await atelier.kill('SIGTERM');
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return atelier;
}
