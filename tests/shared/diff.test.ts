import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffStats, sideOf, tokenize, wordDiff } from '../../shared/diff';

describe('word diff', () => {
  it('keeps identical texts as one equal part', () => {
    expect(wordDiff('You are a helpful bot.', 'You are a helpful bot.')).toEqual([{ op: 'equal', text: 'You are a helpful bot.' }]);
  });

  it('handles empty sides', () => {
    expect(wordDiff('', '')).toEqual([]);
    expect(wordDiff('', 'Hello world')).toEqual([{ op: 'insert', text: 'Hello world' }]);
    expect(wordDiff('Hello world', '')).toEqual([{ op: 'delete', text: 'Hello world' }]);
  });

  it('marks a replaced word in the middle', () => {
    expect(wordDiff('Answer in English only.', 'Answer in French only.')).toEqual([
      { op: 'equal', text: 'Answer in ' },
      { op: 'delete', text: 'English' },
      { op: 'insert', text: 'French' },
      { op: 'equal', text: ' only.' },
    ]);
  });

  it('finds insertions and deletions at both ends and keeps the common words', () => {
    const parts = wordDiff('be nice and short', 'always be nice and very short please');
    expect(sideOf(parts, 'before')).toBe('be nice and short');
    expect(sideOf(parts, 'after')).toBe('always be nice and very short please');
    expect(parts.filter((p) => p.op === 'equal').map((p) => p.text.trim())).toEqual(['be nice and', 'short']);
    expect(diffStats(parts)).toEqual({ added: 3, removed: 0 });
  });

  it('is word-level, not character-level', () => {
    const parts = wordDiff('refund policy', 'refunds policy');
    expect(parts).toEqual([
      { op: 'delete', text: 'refund' },
      { op: 'insert', text: 'refunds' },
      { op: 'equal', text: ' policy' },
    ]);
  });

  it('keeps newlines and indentation, so both sides rebuild exactly', () => {
    const before = 'Rules:\n- be short\n- cite the knowledge base\n';
    const after = 'Rules:\n- be brief\n  - never invent\n- cite the knowledge base\n';
    const parts = wordDiff(before, after);
    expect(sideOf(parts, 'before')).toBe(before);
    expect(sideOf(parts, 'after')).toBe(after);
    expect(parts.every((p, i) => i === 0 || p.op !== parts[i - 1]!.op)).toBe(true);
  });

  it('returns a minimal diff (longest common subsequence)', () => {
    const parts = wordDiff('a b c d e f', 'a c d b e f');
    const kept = parts
      .filter((p) => p.op === 'equal')
      .map((p) => p.text)
      .join('');
    expect(tokenize(kept).filter((t) => t.trim()).length).toBe(5 - 0); // a, c, d, e, f
  });

  it('keeps the spaces between replaced words, in both the struck and the inserted text', () => {
    const parts = wordDiff('Help me now, please.', 'Only you now, please.');
    expect(parts).toEqual([
      { op: 'delete', text: 'Help me' },
      { op: 'insert', text: 'Only you' },
      { op: 'equal', text: ' now, please.' },
    ]);
    // Never a word glued to its neighbour: each changed run keeps its inner spaces.
    expect(
      wordDiff('You are Help desk staff', 'You are Only desk staff')
        .map((p) => p.text)
        .join('|'),
    ).toBe('You are |Help|Only| desk staff');
  });

  it('shows a whitespace-only change instead of hiding it', () => {
    const parts = wordDiff('a  b', 'a b');
    expect(sideOf(parts, 'before')).toBe('a  b');
    expect(sideOf(parts, 'after')).toBe('a b');
    expect(parts.some((p) => p.op !== 'equal')).toBe(true);
  });

  it('diffs a 2,500-character prompt edited at both ends and in the middle, word by word', () => {
    const words = Array.from({ length: 420 }, (_, i) => `word${i % 37}`);
    const before = words.join(' ');
    const edited = [...words];
    edited[0] = 'Always';
    edited[210] = 'never';
    edited[419] = 'end.';
    const after = edited.join(' ');
    expect(before.length).toBeGreaterThan(2500);
    const parts = wordDiff(before, after);
    expect(sideOf(parts, 'before')).toBe(before);
    expect(sideOf(parts, 'after')).toBe(after);
    expect(diffStats(parts)).toEqual({ added: 3, removed: 3 });
    expect(parts.filter((p) => p.op === 'insert').map((p) => p.text)).toEqual(['Always', 'never', 'end.']);
  });

  it('still answers on a pathological paste (thousands of changed words) without hanging', () => {
    const big = (seed: string) => Array.from({ length: 3000 }, (_, i) => `${seed}${i}`).join(' ');
    const started = performance.now();
    const parts = wordDiff(big('x'), big('y'));
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(sideOf(parts, 'before')).toBe(big('x'));
    expect(sideOf(parts, 'after')).toBe(big('y'));
  });

  it('rebuilds both sides exactly for any pair of texts', () => {
    const text = fc.stringMatching(/^[ab \n]{0,40}$/);
    fc.assert(
      fc.property(text, text, (before, after) => {
        const parts = wordDiff(before, after);
        return sideOf(parts, 'before') === before && sideOf(parts, 'after') === after && parts.every((p) => p.text !== '');
      }),
    );
  });

  it('counts words, not spaces, in the summary', () => {
    expect(diffStats(wordDiff('one two', 'one  three four'))).toEqual({ added: 2, removed: 1 });
  });
});
