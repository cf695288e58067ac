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
    const kept = parts.filter((p) => p.op === 'equal').map((p) => p.text).join('');
    expect(tokenize(kept).filter((t) => t.trim()).length).toBe(5 - 0); // a, c, d, e, f
  });

  it('falls back to a whole replace on huge inputs without hanging', () => {
    const big = (seed: string) => Array.from({ length: 3000 }, (_, i) => `${seed}${i}`).join(' ');
    const started = Date.now();
    const parts = wordDiff(big('x'), big('y'));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(sideOf(parts, 'after')).toBe(big('y'));
  });

  it('counts words, not spaces, in the summary', () => {
    expect(diffStats(wordDiff('one two', 'one  three four'))).toEqual({ added: 2, removed: 1 });
  });
});
