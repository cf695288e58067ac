import OpenAI from 'openai';
import WebSocket from 'ws';
import type { AtelierProcess } from '../tests/helpers/server-process';
import { chunkIndexes, type FakeOpenAI } from './fake-openai';
import { percentile } from './lib/stats';

// Time to first token and per-chunk latency: from the fake provider writing a chunk to that
// chunk reaching a reader — the same provider read straight with the OpenAI SDK (reference),
// and through Atelier to the candidate's WebSocket. Both clocks are this process's.

export interface LatencySample {
  ttft: number[];
  perChunk: number[];
}

export async function readDirect(provider: FakeOpenAI, streams: number, tag: string): Promise<LatencySample> {
  const client = new OpenAI({ apiKey: 'sk-bench', baseURL: `${provider.url}/v1`, maxRetries: 0 });
  const sample: LatencySample = { ttft: [], perChunk: [] };
  await Promise.all(
    Array.from({ length: streams }, async (_, i) => {
      const id = `${tag}-direct-${i}`;
      const stream = await client.chat.completions.create({ model: 'fake', stream: true, messages: [{ role: 'user', content: `bench:${id}` }] });
      let first = true;
      for await (const chunk of stream) {
        const now = performance.now();
        const text = chunk.choices[0]?.delta?.content ?? '';
        for (const k of chunkIndexes(text)) {
          const sent = provider.sentAt.get(id)?.[k];
          if (sent === undefined) continue;
          sample.perChunk.push(now - sent);
          if (first) sample.ttft.push(now - sent);
          first = false;
        }
      }
    }),
  );
  return sample;
}

interface Candidate {
  ws: WebSocket;
  id: string;
}

/** Opens `count` live sessions with their candidate connected and the session started. */
export async function openCandidates(atelier: AtelierProcess, count: number, tag: string): Promise<Candidate[]> {
  return Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const response = await fetch(`${atelier.url}/api/sessions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${atelier.adminToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ candidateName: `bench ${i}` }),
      });
      const session = (await response.json()) as { id: string; invites: { candidate: { token: string } } };
      const ws = new WebSocket(`${atelier.wsUrl}/api/sessions/${session.id}/live`, { headers: { authorization: `Bearer ${session.invites.candidate.token}` } });
      await new Promise<void>((resolve, reject) => {
        ws.once('open', () => resolve());
        ws.once('error', reject);
      });
      ws.send(JSON.stringify({ type: 'hello', lastSeq: 0 }));
      await untilFrame(ws, (f) => f.type === 'welcome');
      ws.send(JSON.stringify({ type: 'command', id: 'start', name: 'session.start', data: {} }));
      await untilFrame(ws, (f) => f.type === 'ack' && f.id === 'start');
      return { ws, id: `${tag}-atelier-${i}` };
    }),
  );
}

export async function readThroughAtelier(provider: FakeOpenAI, candidates: Candidate[], model: string): Promise<LatencySample> {
  const sample: LatencySample = { ttft: [], perChunk: [] };
  await Promise.all(
    candidates.map(async ({ ws, id }) => {
      let first = true;
      const done = new Promise<void>((resolve, reject) => {
        const onMessage = (data: WebSocket.RawData) => {
          const now = performance.now();
          const frame = JSON.parse(data.toString()) as { type: string; code?: string; event?: { type: string; data: { text?: string } } };
          if (frame.type === 'error') reject(new Error(`command refused: ${frame.code}`));
          if (frame.type !== 'event' || !frame.event) return;
          if (frame.event.type === 'turn.delta') {
            for (const k of chunkIndexes(frame.event.data.text ?? '')) {
              const sent = provider.sentAt.get(id)?.[k];
              if (sent === undefined) continue;
              sample.perChunk.push(now - sent);
              if (first) sample.ttft.push(now - sent);
              first = false;
            }
          } else if (frame.event.type === 'turn.completed' || frame.event.type === 'turn.failed') {
            ws.off('message', onMessage);
            if (frame.event.type === 'turn.failed') reject(new Error('turn failed'));
            else resolve();
          }
        };
        ws.on('message', onMessage);
      });
      ws.send(JSON.stringify({ type: 'command', id: `send-${id}`, name: 'message.send', data: { text: `bench:${id}`, model, threadId: id } }));
      await done;
    }),
  );
  return sample;
}

export function summarize(direct: LatencySample, atelier: LatencySample) {
  const row = (a: number[], b: number[], p: number) => ({ direct: percentile(a, p), atelier: percentile(b, p), added: percentile(b, p) - percentile(a, p) });
  return {
    ttft: { p50: row(direct.ttft, atelier.ttft, 50), p99: row(direct.ttft, atelier.ttft, 99) },
    perChunk: { p50: row(direct.perChunk, atelier.perChunk, 50), p99: row(direct.perChunk, atelier.perChunk, 99) },
    samples: { direct: direct.perChunk.length, atelier: atelier.perChunk.length },
  };
}

function untilFrame(ws: WebSocket, match: (frame: { type: string; id?: string }) => boolean): Promise<void> {
  return new Promise((resolve) => {
    const listener = (data: WebSocket.RawData) => {
      if (match(JSON.parse(data.toString()))) {
        ws.off('message', listener);
        resolve();
      }
    };
    ws.on('message', listener);
  });
}
