import { fileURLToPath } from 'node:url';
import { startAtelier, type AtelierProcess } from '../tests/helpers/server-process';
import { SessionLog } from '../client/src/lib/timeline/session-log';
import { unpackEvents, type PackedEntry } from '../shared/packed-log';
import { reduceAll } from '../shared/reducer';
import { benchMessage, startFakeOpenAI } from './fake-openai';
import { createSession, LiveClient, metrics, type BenchSession } from './lib/live-client';
import { percentile } from './lib/stats';

// Row 7: replay. A session of `events` events recorded by the real server (answers of 400
// chunks from the fake provider, coalescing off so each chunk is an event: the offline
// simulator's answers carry the thread's history and exhaust the token budget first), then opened
// as the reviewer's page opens it. In Node: the first read (settled deltas left out, reduced to
// the head), then the whole log (deltas packed), parsed and built into the client's SessionLog
// (client/src/lib/timeline: the shared reducer with a checkpoint every 100 events); seek = the
// state at random instants. In Chromium (`replayInChromium`): the page opened and seeks clicked.

export interface ReplayResult {
  events: number;
  /** The whole log's body, deltas packed. */
  bytes: number;
  /** The first read (settled deltas left out): query, transfer, parse and reduce to the head. */
  first: { events: number; bytes: number; ms: number };
  openMs: { query: number; parse: number; reduce: number; total: number };
  seekMs: { p50: number; p99: number; max: number };
  fromScratchReduceMs: number;
  chromium: ChromiumReplay | null;
  /** With `memory`: the server after a full GC, before the session and with its room live at the end of the recording. */
  liveRoom?: { idle: { rssMb: number; heapMb: number }; live: { rssMb: number; heapMb: number } };
}

export interface ChromiumReplay {
  /** Median of OPENS new tabs: navigation start → the first frame with the workspace and the timeline. */
  openMs: number;
  opensMs: number[];
  /** Median: navigation start → the first frame with the whole log in (every instant seekable, see SessionReplica.complete). */
  wholeLogMs: number;
  /** Main-thread work of a seek (handling, re-render, the frame's style/layout/paint). */
  seekWorkP50Ms: number;
  seekWorkP99Ms: number;
  /** Click → the frame after the next paint: includes waiting for the display's frames. */
  seekPaintedP99Ms: number;
  /** The reduce work of a seek in Chromium's engine: the state at a random instant (issue 7's measure). */
  reduceP50Ms: number;
  reduceP99Ms: number;
}

/**
 * The reviewer's replay in Chromium (playwright-core, /usr/bin/chromium): open = a reload of the
 * reviewer's page, from its navigation start to the first frame with the workspace and the
 * timeline (boot, the first log read, reduce, first render), then to the whole log in; seek = a
 * click on the timeline at a random spot, its main-thread work measured in the page (see below).
 */
/** Opens measured; the median is reported. */
const OPENS = 5;

export async function replayInChromium(url: string, sessionId: string, reviewerToken: string, seeks = 100): Promise<ChromiumReplay | null> {
  const { launchBrowser } = await import('../tests/e2e/browser');
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    await page.goto(`${url}/join#${reviewerToken}`);
    await page.waitForURL(`**/s/${sessionId}/reviewer`, { timeout: 60_000 });
    await page.getByTestId('timeline-track').waitFor({ timeout: 60_000 });
    const replayUrl = page.url();
    // Each open comes from a light page of the same site, as a reviewer opens it from the
    // sessions list (a reload would also count unloading the previous replay, 22k events and
    // all; a new tab, starting a browser process). Timed
    // by the page itself, from its navigation start: the first frame painted once the workspace
    // and the timeline are in the DOM, and the first once the whole log is in. (Timing from
    // here would add the driver's round trips and its wait for the load event.)
    await context.addInitScript(`{
      const marks = (window.__open = {});
      const check = () => {
        if (!marks.rendered && document.querySelector('[data-testid="workspace"]') && document.querySelector('[data-testid="timeline-track"]')) {
          marks.rendered = true;
          requestAnimationFrame(() => setTimeout(() => (marks.openMs = performance.now())));
        }
        if (!marks.whole && document.querySelector('[data-testid="replay"][data-log="complete"]')) {
          marks.whole = true;
          requestAnimationFrame(() => setTimeout(() => (marks.wholeMs = performance.now())));
        }
      };
      new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true });
    }`);
    const opens: number[] = [];
    const wholes: number[] = [];
    for (let i = 0; i < OPENS; i++) {
      await page.goto(`${url}/api/health`);
      await page.goto(replayUrl);
      let marks: { openMs?: number; wholeMs?: number } | undefined;
      // Polled (the page's CSP forbids the string evaluation waitForFunction would use).
      while ((marks = (await page.evaluate('window.__open')) as typeof marks)?.wholeMs === undefined)
        await new Promise((r) => setTimeout(r, 20));
      opens.push(marks!.openMs!);
      wholes.push(marks!.wholeMs!);
    }
    // A seek's cost on the page's main thread: the click handled and the workspace re-rendered
    // (up to the task after the handler, once Svelte's microtask flush is done), then the next
    // frame's style, layout and paint (from its animation-frame callback to the task after it).
    // The wait for the display's next frame between the two is not work and is left out; the
    // click → frame painted time, which includes it, is reported beside.
    await page.evaluate(`window.addEventListener('pointerdown', () => {
      const t0 = performance.now();
      setTimeout(() => {
        const handled = performance.now() - t0;
        requestAnimationFrame(() => {
          const r0 = performance.now();
          const channel = new MessageChannel();
          channel.port1.onmessage = () => { window.__seek = { work: handled + performance.now() - r0, painted: performance.now() - t0 }; };
          channel.port2.postMessage(0);
        });
      }, 0);
    }, { capture: true })`);
    const box = (await page.getByTestId('timeline-track').boundingBox())!;
    const work: number[] = [];
    const painted: number[] = [];
    for (let i = 0; i < seeks; i++) {
      await page.evaluate('window.__seek = undefined');
      await page.mouse.click(box.x + 2 + Math.random() * (box.width - 4), box.y + box.height / 2);
      // Polled (the page's CSP forbids the string evaluation waitForFunction would use).
      let seek: { work: number; painted: number } | undefined;
      while ((seek = (await page.evaluate('window.__seek')) as typeof seek) === undefined) await new Promise((r) => setTimeout(r, 5));
      work.push(seek.work);
      painted.push(seek.painted);
    }
    const reduce = await reduceInChromium(page, sessionId, 1_000);
    return {
      openMs: percentile(opens, 50),
      opensMs: opens,
      wholeLogMs: percentile(wholes, 50),
      seekWorkP50Ms: percentile(work, 50),
      seekWorkP99Ms: percentile(work, 99),
      seekPaintedP99Ms: percentile(painted, 99),
      reduceP50Ms: percentile(reduce, 50),
      reduceP99Ms: percentile(reduce, 99),
    };
  } finally {
    await browser.close();
  }
}

/** Records a session of at least `events` events (eight threads answering at once through the fake provider), then ends it. */
export async function recordReplaySession(atelier: AtelierProcess, events: number, beforeEnd?: () => Promise<void>): Promise<BenchSession> {
  const session = await createSession(atelier, 'replay');
  const candidate = new LiveClient(atelier, session.id, session.tokens.candidate);
  await candidate.connect();
  await candidate.command('session.start', {});
  // Eight threads answering at once until the log is long enough.
  let n = 0;
  await Promise.all(
    Array.from({ length: 8 }, async (_, thread) => {
      while (candidate.lastSeq < events) {
        const id = `t${thread}-${n++}`;
        let turnId: string | undefined;
        const done = new Promise<void>((resolve) => {
          const off = candidate.onEvent((e) => {
            if (e.type === 'turn.started' && e.data.threadId === id) turnId = e.data.turnId;
            if (
              turnId &&
              e.data.turnId === turnId &&
              (e.type === 'turn.completed' || e.type === 'turn.failed' || e.type === 'turn.cancelled')
            )
              (off(), resolve());
          });
        });
        await candidate.command('message.send', {
          text: `${benchMessage(`replay-${id}`)} How do I reset my password? Please explain the steps.`,
          model: 'bench/fake',
          threadId: id,
        });
        await done;
      }
    }),
  );
  await candidate.close();
  // Replayed as reviewers replay: once the interview is over.
  const interviewer = new LiveClient(atelier, session.id, session.tokens.interviewer);
  await interviewer.connect();
  await beforeEnd?.();
  await interviewer.command('session.end', {});
  await interviewer.close();
  return session;
}

/**
 * A seek's reduce work in Chromium: the client's own SessionLog (bundled from
 * client/src/lib/timeline), fed the reviewer's read of the whole log in the replay page, asked
 * for the state at random instants — the work issue 7 bounds, in the engine the reviewer uses.
 */
async function reduceInChromium(page: import('playwright-core').Page, sessionId: string, seeks: number): Promise<number[]> {
  const { build } = await import('esbuild');
  const contents = `
    import { SessionLog } from './client/src/lib/timeline/session-log';
    import { unpackEvents } from './shared/packed-log';
    window.__reduceBench = async (url, seeks) => {
      const log = SessionLog.from(unpackEvents((await (await fetch(url)).json()).events));
      const times = [];
      for (let i = 0; i < seeks; i++) {
        const t = log.firstAt + Math.random() * (log.lastAt - log.firstAt);
        const t0 = performance.now();
        log.stateAt(t);
        times.push(performance.now() - t0);
      }
      return times;
    };`;
  const bundle = await build({
    stdin: { contents, resolveDir: fileURLToPath(new URL('..', import.meta.url)), loader: 'ts' },
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    logLevel: 'warning',
  });
  // Through the driver, not a <script>: the page's CSP admits only its own scripts.
  await page.evaluate(bundle.outputFiles[0]!.text);
  return (await page.evaluate(
    `window.__reduceBench('/api/sessions/${encodeURIComponent(sessionId)}/events?role=reviewer&pack=deltas', ${seeks})`,
  )) as number[];
}

/**
 * Saves a version of the built-in exercise without a token or cost budget: a 100,000-event
 * recording (250 answers) spends more than the 200,000 tokens its sessions may.
 */
async function liftDefaultBudget(atelier: AtelierProcess): Promise<void> {
  const admin = { authorization: `Bearer ${atelier.adminToken}`, 'content-type': 'application/json' };
  const probe = await createSession(atelier, 'budget probe');
  const session = (await (await fetch(`${atelier.url}/api/sessions/${probe.id}`, { headers: admin })).json()) as { exerciseId: string };
  const exercise = (await (await fetch(`${atelier.url}/api/exercises/${session.exerciseId}`, { headers: admin })).json()) as {
    content: { budget: unknown };
  };
  const saved = await fetch(`${atelier.url}/api/exercises/${session.exerciseId}`, {
    method: 'PUT',
    headers: admin,
    body: JSON.stringify({ ...exercise.content, budget: { maxTokens: null, maxCostUsd: null } }),
  });
  if (!saved.ok) throw new Error(`PUT /api/exercises: ${saved.status} ${await saved.text()}`);
}

export async function benchReplay(options: { events: number; seeks: number; memory?: boolean }): Promise<ReplayResult> {
  const provider = await startFakeOpenAI({ chunks: Math.min(400, Math.ceil(options.events / 10)), intervalMs: 1 });
  const atelier = await startAtelier({
    fakeProviderUrl: provider.url,
    env: { ATELIER_DELTA_INTERVAL_MS: '0', ATELIER_MAX_CONCURRENT_TURNS: '8' },
    nodeArgs: options.memory ? ['--expose-gc'] : [],
  });
  try {
    const mb = (m: { rss: number; heapUsed: number }) => ({ rssMb: m.rss / 2 ** 20, heapMb: m.heapUsed / 2 ** 20 });
    if (options.events > 20_000) await liftDefaultBudget(atelier);
    const idle = options.memory ? mb((await metrics(atelier, { gc: true })).memory) : undefined;
    let live: ReturnType<typeof mb> | undefined;
    // The room is live (an interviewer connected) with the whole recording in its state.
    const session = await recordReplaySession(
      atelier,
      options.events,
      options.memory ? async () => void (live = mb((await metrics(atelier, { gc: true })).memory)) : undefined,
    );
    // As the page reads it: first without the deltas of ended answers (what the first render
    // needs), then the whole log, deltas packed, reduced into the checkpointed SessionLog.
    const read = async (query: string) => {
      const response = await fetch(`${atelier.url}/api/sessions/${session.id}/events?${query}`, {
        headers: { authorization: `Bearer ${session.tokens.reviewer}` },
      });
      return response.text();
    };
    const f0 = performance.now();
    const firstText = await read('pack=deltas&omit=settled-deltas');
    const firstEvents = unpackEvents((JSON.parse(firstText) as { events: PackedEntry[] }).events);
    const firstHead = reduceAll(firstEvents);
    const firstMs = performance.now() - f0;
    const t0 = performance.now();
    const text = await read('pack=deltas');
    const t1 = performance.now();
    const events = unpackEvents((JSON.parse(text) as { events: PackedEntry[] }).events);
    const t2 = performance.now();
    const log = SessionLog.from(events);
    const t3 = performance.now();
    if (firstHead.headSeq > log.head.headSeq) throw new Error('the first read is ahead of the whole one');
    const first = log.firstAt!;
    const last = log.lastAt!;
    const seeks: number[] = [];
    for (let i = 0; i < options.seeks; i++) {
      const t = first + Math.random() * (last - first);
      const s0 = performance.now();
      log.stateAt(t);
      seeks.push(performance.now() - s0);
    }
    // From scratch, for comparison: what a seek would cost without checkpoints (the worst case).
    const r0 = performance.now();
    SessionLog.from(events, { checkpointEvery: Number.MAX_SAFE_INTEGER });
    const fromScratch = performance.now() - r0;
    return {
      events: events.length,
      bytes: text.length,
      first: { events: firstEvents.length, bytes: firstText.length, ms: firstMs },
      openMs: { query: t1 - t0, parse: t2 - t1, reduce: t3 - t2, total: t3 - t0 },
      seekMs: { p50: percentile(seeks, 50), p99: percentile(seeks, 99), max: Math.max(...seeks) },
      fromScratchReduceMs: fromScratch,
      chromium: await replayInChromium(atelier.url, session.id, session.tokens.reviewer),
      ...(idle && live ? { liveRoom: { idle, live } } : {}),
    };
  } finally {
    await atelier.stop();
    await provider.close();
  }
}
