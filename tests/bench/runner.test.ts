import { mkdtempSync, mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { staleBuild } from '../../bench/build';
import { carriedLines, failedRows, markdownTable, readStoredBench, recordRow, type StoredBench } from '../../bench/report';
import { parseBenchArgs, runRows, selectRows, type RowOutcome, type RowSpec } from '../../bench/runner';
import { machineNow, suiteRows } from '../../bench/suite';

// The bench runner without the benchmarks: rows are small functions, so what a user of
// `npm run bench` relies on — a failing row does not lose the others, `--only` runs one row,
// each row is handed over as soon as it is measured — is checked in milliseconds.

function row(id: string, run: () => Promise<unknown>, chain = 'a'): RowSpec {
  return { id, title: `row ${id}`, chain, run };
}

describe('bench runner', () => {
  it('keeps the rows around a failing one and reports its error', async () => {
    const ran: string[] = [];
    const seen: RowOutcome[] = [];
    const outcomes = await runRows(
      [
        row('first', async () => (ran.push('first'), { figure: 1 })),
        row('broken', async () => {
          ran.push('broken');
          throw new Error('The client is not built');
        }),
        row('last', async () => (ran.push('last'), { figure: 3 })),
      ],
      { onRow: (o) => seen.push(o) },
    );
    expect(ran).toEqual(['first', 'broken', 'last']);
    expect(outcomes.map((o) => [o.id, o.ok])).toEqual([
      ['first', true],
      ['broken', false],
      ['last', true],
    ]);
    const broken = outcomes[1]!;
    expect(broken.ok === false && broken.error).toContain('The client is not built');
    expect(outcomes[2]!.ok && outcomes[2]!.result).toEqual({ figure: 3 });
    expect(seen).toEqual(outcomes);
  });

  it('hands each row over before the next one starts', async () => {
    const events: string[] = [];
    await runRows([row('one', async () => void events.push('run one')), row('two', async () => void events.push('run two'))], {
      onRow: (o) => events.push(`recorded ${o.id}`),
    });
    expect(events).toEqual(['run one', 'recorded one', 'run two', 'recorded two']);
  });

  it('runs only the rows named by --only, and refuses an unknown one before running anything', async () => {
    const ran: string[] = [];
    const rows = ['latency', 'fanout', 'load'].map((id) => row(id, async () => void ran.push(id)));
    const outcomes = await runRows(rows, { only: parseBenchArgs(['--only', 'fanout']).only });
    expect(ran).toEqual(['fanout']);
    expect(outcomes.map((o) => o.id)).toEqual(['fanout']);
    await expect(runRows(rows, { only: ['fanout', 'nope'] })).rejects.toThrow(
      /Unknown bench row nope; the rows are: latency, fanout, load/,
    );
    expect(ran).toEqual(['fanout']);
  });

  it('runs the chains side by side only when asked', async () => {
    const order: string[] = [];
    const slow = (id: string, chain: string) =>
      row(
        id,
        async () => {
          order.push(`start ${id}`);
          await new Promise((resolve) => setTimeout(resolve, 20));
          order.push(`end ${id}`);
        },
        chain,
      );
    await runRows([slow('a1', 'a'), slow('b1', 'b')]);
    expect(order).toEqual(['start a1', 'end a1', 'start b1', 'end b1']);
    order.length = 0;
    await runRows([slow('a1', 'a'), slow('b1', 'b')], { parallel: true });
    expect(order.slice(0, 2)).toEqual(['start a1', 'start b1']);
  });

  it('parses --smoke and --only in their forms, and refuses anything else', () => {
    expect(parseBenchArgs([])).toEqual({ smoke: false, only: undefined });
    expect(parseBenchArgs(['--smoke'])).toEqual({ smoke: true, only: undefined });
    expect(parseBenchArgs(['--only', 'latency,load'])).toEqual({ smoke: false, only: ['latency', 'load'] });
    expect(parseBenchArgs(['--only=fanout', '--only', 'load'])).toEqual({ smoke: false, only: ['fanout', 'load'] });
    expect(() => parseBenchArgs(['--only'])).toThrow(/needs a row id/);
    expect(() => parseBenchArgs(['--fast'])).toThrow(/Unknown argument --fast/);
  });
});

describe('bench results file', () => {
  it("keeps a failed row's last figures and shows it as failed with its error", () => {
    const machine = machineNow();
    const fanout = { observers: 10 } as unknown as NonNullable<StoredBench['fanout']>;
    let stored: StoredBench = { rows: {} };
    stored = recordRow(
      stored,
      { id: 'fanout', title: '4 fan-out', startedAt: '2026-12-01T10:00:00Z', durationS: 3, ok: true, result: fanout },
      { fanout },
      machine,
    );
    stored = recordRow(
      stored,
      {
        id: 'fanout',
        title: '4 fan-out',
        startedAt: '2026-12-02T10:00:00Z',
        durationS: 1,
        ok: false,
        error: 'Error: socket hang up | at x\n    at y',
      },
      {},
      machine,
    );
    expect(stored.fanout).toBe(fanout);
    expect(stored.rows.fanout!.error).toContain('socket hang up');
    const table = markdownTable(failedRows(stored));
    expect(table).toContain('4 fan-out: **failed** at 2026-12-02T10:00:00Z');
    // The error's pipe cannot break the markdown table, and only its first line is shown.
    expect(table).toContain('socket hang up \\| at x');
    expect(table).not.toContain('at y');
  });

  it("keeps the previous report's lines for the rows a partial run did not measure", () => {
    const previous = [
      '# Benchmarks',
      '',
      '| # | what | reference (same run) | measured | target | |',
      '| --- | --- | --- | --- | --- | --- |',
      '| 1 | TTFT, 1 stream | a | b | c | · |',
      '| 4 | fan-out to 10 observers | d | e | f | ❌ |',
      '| 9 | memory | g | h | i | ✅ |',
      '',
      '✅ met',
    ].join('\n');
    const carried = carriedLines(previous, ['fanout', 'memory']);
    expect(carried).toEqual([
      '| 4 | fan-out to 10 observers *(earlier run: kept from the previous docs/benchmarks.md)* | d | e | f | ❌ |',
      '| 9 | memory *(earlier run: kept from the previous docs/benchmarks.md)* | g | h | i | ✅ |',
    ]);
    // Carried again by the next partial run, the note is not repeated.
    expect(carriedLines(['| # | what |', '| --- |', ...carried].join('\n'), ['fanout'])).toEqual([carried[0]]);
  });

  it('keeps the distributed rows of the previous report when a run has not measured them', () => {
    const previous = [
      '| # | what |',
      '| --- | --- |',
      '| D2 | load on PostgreSQL + Redis | a | b | c | · |',
      '| D1 | failover | d | e | f | ✅ |',
      '',
    ].join('\n');
    expect(carriedLines(previous, ['distributed']).map((line) => line.slice(0, 7))).toEqual(['| D1 | ']);
    expect(carriedLines(previous, ['distributedLoad']).map((line) => line.slice(0, 7))).toEqual(['| D2 | ']);
  });

  it('names the distributed load row D2 in the suite, for --only D2, full size and smoke', () => {
    for (const smoke of [false, true]) {
      const [row] = selectRows(suiteRows(smoke, {}), parseBenchArgs(['--only', 'D2']).only);
      expect(row?.title).toMatch(/PostgreSQL \+ Redis/);
    }
  });

  it('reads a missing results file as no rows yet', () => {
    expect(readStoredBench(join(tmpdir(), 'atelier-no-such-bench.json'))).toEqual({ rows: {} });
  });
});

describe('bench build check', () => {
  let root: string | undefined;
  afterEach(() => root && rmSync(root, { recursive: true, force: true }));

  it('builds when an output is missing or a source is newer than the build', () => {
    root = mkdtempSync(join(tmpdir(), 'atelier-build-'));
    mkdirSync(join(root, 'client'));
    mkdirSync(join(root, 'dist/client'), { recursive: true });
    writeFileSync(join(root, 'client/main.ts'), '');
    expect(staleBuild(root, ['client'], ['dist/client/index.html'])).toBe('dist/client/index.html is missing');
    writeFileSync(join(root, 'dist/client/index.html'), '');
    const past = new Date(Date.now() - 60_000);
    utimesSync(join(root, 'client/main.ts'), past, past);
    utimesSync(join(root, 'client'), past, past);
    expect(staleBuild(root, ['client'], ['dist/client/index.html'])).toBeNull();
    writeFileSync(join(root, 'client/main.ts'), 'changed');
    expect(staleBuild(root, ['client'], ['dist/client/index.html'])).toBe('client changed since the last build');
  });
});
