// A word-level diff of two texts: prompt versions in the workspace, the report and the export.
// Pure. The edit script comes from the maintained `diff` package (Myers' O(ND) algorithm over
// words and the whitespace between them), so long prompts get a real diff, not a whole replace.

// The word diff's own module: the package's index creates every kind of diff (lines, JSON,
// CSS…) as it loads, which a bundler cannot drop, and the workspace's first load only needs this one.
import { diffWordsWithSpace } from 'diff/lib/diff/word.js';

export type DiffOp = 'equal' | 'insert' | 'delete';

export interface DiffPart {
  op: DiffOp;
  text: string;
}

/** Words and runs of whitespace, in order; joining them gives the text back. */
export function tokenize(text: string): string[] {
  return text.match(/\s+|[^\s]+/g) ?? [];
}

/**
 * Past this many changed tokens the two texts share next to nothing (a rewrite, not an edit):
 * stop searching and show a whole replace. A fully rewritten 2,500-character prompt is about
 * 800 tokens, far below it; the cap only keeps a pathological paste from freezing the page.
 */
const MAX_EDIT_TOKENS = 3000;

export function wordDiff(before: string, after: string): DiffPart[] {
  if (before === after) return before === '' ? [] : [{ op: 'equal', text: before }];
  const changes = diffWordsWithSpace(before, after, { maxEditLength: MAX_EDIT_TOKENS });
  const raw: DiffPart[] = changes
    ? changes.map((c) => ({ op: c.added ? 'insert' : c.removed ? 'delete' : 'equal', text: c.value }))
    : [
        { op: 'delete', text: before },
        { op: 'insert', text: after },
      ];
  return coalesce(raw.filter((p) => p.text !== ''));
}

/**
 * Reads a run of replaced words as one phrase: a lone space kept between two replacements
 * ("Help me" → "Only you" would show ~~Help~~Only ~~me~~you) joins both the struck and the
 * inserted text, so the reader sees ~~Help me~~ Only you with its spaces. Both sides still
 * rebuild exactly (sideOf), because the space goes into the deletion and the insertion.
 */
function coalesce(parts: DiffPart[]): DiffPart[] {
  const out: DiffPart[] = [];
  let del = '';
  let ins = '';
  const flush = () => {
    if (del) out.push({ op: 'delete', text: del });
    if (ins) out.push({ op: 'insert', text: ins });
    del = '';
    ins = '';
  };
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (part.op === 'delete') del += part.text;
    else if (part.op === 'insert') ins += part.text;
    else if (/^\s+$/.test(part.text) && del && ins && replacesAround(parts, i + 1)) {
      del += part.text;
      ins += part.text;
    } else {
      flush();
      const last = out[out.length - 1];
      if (last && last.op === 'equal') last.text += part.text;
      else out.push({ op: 'equal', text: part.text });
    }
  }
  flush();
  return out;
}

/** Whether the change block starting at `from` both deletes and inserts (a replacement). */
function replacesAround(parts: readonly DiffPart[], from: number): boolean {
  let deletes = false;
  let inserts = false;
  for (let j = from; j < parts.length && parts[j]!.op !== 'equal'; j++) {
    if (parts[j]!.op === 'delete') deletes = true;
    else inserts = true;
  }
  return deletes && inserts;
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
  return parts
    .filter((p) => p.op !== skip)
    .map((p) => p.text)
    .join('');
}
