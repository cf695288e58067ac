import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { freePort } from '../../tests/helpers/server-process';

// Helpers for the benchmark's other processes: each one is started, awaited until ready, and
// stopped by its own pid (never by name).

export interface Child<T> {
  info: T;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Runs a TypeScript module that prints one JSON line when ready and exits when stdin closes. */
export async function startTsChild<T>(module: string, env: Record<string, string> = {}): Promise<Child<T>> {
  const child = spawn(process.execPath, ['--import', 'tsx', module], {
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  const info = await new Promise<T>((resolve, reject) => {
    lines.once('line', (line) => resolve(JSON.parse(line) as T));
    child.once('exit', (code) => reject(new Error(`${module} exited with ${code}`)));
  });
  return { info, child, stop: () => stopChild(child, () => child.stdin!.end()) };
}

/** Portkey's open-source gateway on a free port, headless. */
export async function startPortkey(): Promise<Child<{ url: string }>> {
  const port = await freePort();
  const child = spawn(process.execPath, ['bench/portkey-gateway.mjs', `--port=${port}`, '--headless'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Portkey exited: ${output}`);
    try {
      await fetch(`${url}/`);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`Portkey did not start: ${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return { info: { url }, child, stop: () => stopChild(child, () => child.kill('SIGTERM')) };
}

async function stopChild(child: ChildProcess, ask: () => void): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  ask();
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

/** An idle process measuring its own event-loop delay: the machine's noise over a window. */
export async function startNoiseProbe() {
  const probe = await startTsChild<{ ready: boolean }>('bench/noise-probe.ts');
  const lines = createInterface({ input: probe.child.stdout! });
  return {
    reset: () => probe.child.stdin!.write('reset\n'),
    read: () =>
      new Promise<{ p50: number; p99: number; max: number }>((resolve) => {
        lines.once('line', (line) => resolve(JSON.parse(line)));
        probe.child.stdin!.write('read\n');
      }),
    stop: probe.stop,
  };
}
