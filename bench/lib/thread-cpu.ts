import { readdirSync, readFileSync } from 'node:fs';

// Where a server's CPU time goes, by thread: its main thread (the event loop) against every
// other thread (Atelier's provider thread, V8's GC helpers, libuv's pool), each as user and
// system time. Row 5's CPU per event counts the whole process; this split says which side of
// the process a difference with the relay lives on — the profile only sees the main thread,
// and counts the time its samples land in a system call as that call's, descheduled or not.
// Read from Linux's /proc/<pid>/task/<tid>/stat; elsewhere there is no split.

/** CPU milliseconds, in user space and in the kernel. */
export interface CpuMs {
  user: number;
  system: number;
}

export interface ThreadSplit {
  main: CpuMs;
  others: CpuMs;
}

/** Linux's USER_HZ: /proc counts CPU time in ticks of 1/100 s on every architecture Node runs on. */
const MS_PER_TICK = 10;

/**
 * The user and system time of one /proc/<pid>/task/<tid>/stat line. The thread's name (field 2)
 * is in parentheses and may hold spaces and parentheses of its own, so fields are counted from
 * the last `)`: utime and stime are fields 14 and 15 of the line.
 */
export function parseTaskStat(line: string): CpuMs {
  const fields = line.slice(line.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state): utime, field 14, is fields[11].
  const user = Number(fields[11]);
  const system = Number(fields[12]);
  if (!Number.isInteger(user) || !Number.isInteger(system)) throw new Error(`Not a /proc task stat line: ${line.slice(0, 80)}`);
  return { user: user * MS_PER_TICK, system: system * MS_PER_TICK };
}

/** Each live thread of `pid`'s CPU time so far, by thread id; null where /proc cannot tell. */
export function readThreads(pid: number): Map<number, CpuMs> | null {
  let tids: string[];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return null;
  }
  const threads = new Map<number, CpuMs>();
  for (const tid of tids) {
    try {
      threads.set(Number(tid), parseTaskStat(readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8')));
    } catch {
      // The thread ended between the listing and the read: its time is not counted.
    }
  }
  return threads;
}

/**
 * Starts counting `pid`'s threads from now; `read()` is the split since. A thread started in the
 * window counts from zero; one that ended in it is not counted (the servers measured here keep
 * their threads for their lifetime). Undefined where /proc cannot tell.
 */
export function threadWindow(pid: number | undefined): { read(): ThreadSplit | undefined } {
  const before = pid === undefined ? null : readThreads(pid);
  if (pid === undefined || before === null) return { read: () => undefined };
  return {
    read() {
      const after = readThreads(pid);
      if (after === null) return undefined;
      const split: ThreadSplit = { main: { user: 0, system: 0 }, others: { user: 0, system: 0 } };
      for (const [tid, now] of after) {
        const then = before.get(tid) ?? { user: 0, system: 0 };
        const side = tid === pid ? split.main : split.others;
        side.user += now.user - then.user;
        side.system += now.system - then.system;
      }
      return split;
    },
  };
}

/** Every figure of `split` divided by `n` (CPU per event, from CPU over a window). */
export function divideSplit(split: ThreadSplit, n: number): ThreadSplit {
  const divide = (c: CpuMs): CpuMs => ({ user: c.user / n, system: c.system / n });
  return { main: divide(split.main), others: divide(split.others) };
}
