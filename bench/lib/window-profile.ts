import { writeFileSync } from 'node:fs';
import WebSocket from 'ws';

// Profiles a process over a chosen window only (the steady part of a load, not its set-up
// or the checks after it), through the inspector the process was started with
// (`--inspect=127.0.0.1:<port>`). The result is a .cpuprofile for bench/profile-summary.ts.

export interface WindowProfiler {
  /** Stops profiling and writes the profile to `file`. */
  stop(file: string): Promise<void>;
}

export async function startWindowProfile(inspectorPort: number): Promise<WindowProfiler> {
  const targets = (await (await fetch(`http://127.0.0.1:${inspectorPort}/json/list`)).json()) as { webSocketDebuggerUrl: string }[];
  const socket = new WebSocket(targets[0]!.webSocketDebuggerUrl);
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  let id = 0;
  const call = (method: string, params: object = {}) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const mine = ++id;
      const onMessage = (raw: WebSocket.RawData) => {
        const message = JSON.parse(raw.toString()) as { id?: number; result?: Record<string, unknown>; error?: unknown };
        if (message.id !== mine) return;
        socket.off('message', onMessage);
        if (message.error) reject(new Error(JSON.stringify(message.error)));
        else resolve(message.result ?? {});
      };
      socket.on('message', onMessage);
      socket.send(JSON.stringify({ id: mine, method, params }));
    });
  await call('Profiler.enable');
  await call('Profiler.setSamplingInterval', { interval: 1000 });
  await call('Profiler.start');
  return {
    async stop(file) {
      const { profile } = await call('Profiler.stop');
      writeFileSync(file, JSON.stringify(profile));
      socket.close();
    },
  };
}
