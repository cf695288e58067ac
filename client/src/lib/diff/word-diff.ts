// A word-level diff of two texts (longest common subsequence over words and the spaces
// between them), for comparing prompt versions. Pure, so it is tested without a browser.

export type DiffOp = 'equal' | 'insert' | 'delete';

export interface DiffPart {
  op: DiffOp;
  text: string;
}

/** Words and runs of whitespace, in order; joining them gives the text back. */
export function tokenize(text: string): string[] {
  return text.match(/\s+|[^\s]+/g) ?? [];
}

/** Above this many token pairs the LCS table would be too big: fall back to a whole replace. */
const MAX_CELLS = 4_000_000;

export function wordDiff(before: string, after: string): DiffPart[] {
  const a = tokenize(before);
  const b = tokenize(after);
  // Common head and tail need no table; prompts often change in the middle only.
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);

  const parts: DiffPart[] = [];
  push(parts, 'equal', a.slice(0, head));
  if (midA.length * midB.length > MAX_CELLS) {
    push(parts, 'delete', midA);
    push(parts, 'insert', midB);
  } else {
    for (const [op, token] of lcsOps(midA, midB)) push(parts, op, [token]);
  }
  push(parts, 'equal', a.slice(a.length - tail));
  return parts;
}

function lcsOps(a: string[], b: string[]): [DiffOp, string][] {
  const n = a.length;
  const m = b.length;
  // lengths[i][j] = LCS of a[i..] and b[j..], in one flat array.
  const width = m + 1;
  const lengths = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lengths[i * width + j] =
        a[i] === b[j] ? lengths[(i + 1) * width + j + 1]! + 1 : Math.max(lengths[(i + 1) * width + j]!, lengths[i * width + j + 1]!);
    }
  }
  const ops: [DiffOp, string][] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      ops.push(['equal', a[i]!]);
      i++;
      j++;
    } else if (lengths[(i + 1) * width + j]! >= lengths[i * width + j + 1]!) {
      ops.push(['delete', a[i++]!]);
    } else {
      ops.push(['insert', b[j++]!]);
    }
  }
  while (i < n) ops.push(['delete', a[i++]!]);
  while (j < m) ops.push(['insert', b[j++]!]);
  return ops;
}

function push(parts: DiffPart[], op: DiffOp, tokens: string[]): void {
  if (tokens.length === 0) return;
  const text = tokens.join('');
  const last = parts[parts.length - 1];
  if (last && last.op === op) last.text += text;
  else parts.push({ op, text });
}

/** Words added and removed, for a one-line summary ("+12 −3 words"). */
export function diffStats(parts: readonly DiffPart[]): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const part of parts) {
    const words = tokenize(part.text).filter((t) => !/^\s+$/.test(t)).length;
    if (part.op === 'insert') added += words;
    else if (part.op === 'delete') removed += words;
  }
  return { added, removed };
}

/** The text on one side of a diff: `before` drops insertions, `after` drops deletions. */
export function sideOf(parts: readonly DiffPart[], side: 'before' | 'after'): string {
  const skip: DiffOp = side === 'before' ? 'insert' : 'delete';
  return parts.filter((p) => p.op !== skip).map((p) => p.text).join('');
}
