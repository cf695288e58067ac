import OpenAI from 'openai';
import { WebSocketServer, type WebSocket } from 'ws';

// The fan-out reference: the least a relay can do. Reads the same fake provider with the same
// SDK and broadcasts each chunk as the same `event` frame Atelier sends, JSON.stringify'd once,
// to every connected observer — no log, no reducer, no audience rule. A process of its own,
// like Atelier. Prints `{"url"}` when listening; a socket sending `{"go":{baseUrl,id}}` starts
// one stream; exits when stdin closes.

const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
await new Promise((resolve) => wss.once('listening', resolve));
const observers = new Set<WebSocket>();
let seq = 0;

wss.on('connection', (ws) => {
  ws.on('message', (raw) => {
    const message = JSON.parse(raw.toString()) as { go?: { baseUrl: string; content: string }; observe?: boolean };
    if (message.observe) observers.add(ws);
    if (message.go) void relay(message.go.baseUrl, message.go.content, ws);
  });
  ws.on('close', () => observers.delete(ws));
});

async function relay(baseURL: string, content: string, driver: WebSocket) {
  const client = new OpenAI({ apiKey: 'sk-bench', baseURL, maxRetries: 0 });
  const stream = await client.chat.completions.create({ model: 'fake', stream: true, messages: [{ role: 'user', content }] });
  for await (const chunk of stream) {
    const text = chunk.choices[0]?.delta?.content;
    if (!text) continue;
    const frame = JSON.stringify({
      type: 'event',
      event: { seq: ++seq, at: Date.now(), type: 'turn.delta', actor: { role: 'system' }, data: { turnId: 'turn_bare', text } },
    });
    for (const ws of observers) ws.send(frame);
  }
  driver.send(JSON.stringify({ done: true }));
}

const { port } = wss.address() as { port: number };
process.stdout.write(`${JSON.stringify({ url: `ws://127.0.0.1:${port}` })}\n`);
process.stdin.resume();
process.stdin.on('end', () => process.exit(0));
