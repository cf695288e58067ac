import { describe, expect, it } from 'vitest';
import { answerLabel, answerNameOf, shorten } from '../../shared/answer-label';
import { draft, SYSTEM_ACTOR, type EventData } from '../../shared/events';
import { reduceAll } from '../../shared/reducer';
import { candidate, exercise, sequence, turnStarted } from './fixtures';

// One name per answer: the same number whichever list shows it, the question it answers, the
// prompt version it used.

/** A turn started with the question it was asked and the version it used. */
function asked(turnId: string, parentId: string, threadId: string, question: string, promptVersionId: string | null) {
  const base = turnStarted(turnId, parentId, threadId);
  return draft('turn.started', candidate, {
    ...(base.data as EventData<'turn.started'>),
    request: { system: 's', messages: [{ role: 'user', content: question }] },
    promptVersionId,
  });
}

const withSeed = { ...exercise, seedConversation: [{ user: 'Where is my parcel?', assistant: 'It is on its way.' }] };
const state = reduceAll(
  sequence([
    draft('session.created', SYSTEM_ACTOR, { exercise: withSeed, candidateName: 'Ada' }),
    draft('session.started', candidate, { deadline: 0 }),
    draft('message.sent', candidate, { messageId: 'm1', threadId: 'main', parentId: null, text: 'Hello there' }),
    turnStarted('t1', 'm1'),
    draft('prompt.version', candidate, { versionId: 'v1', text: 'p', label: 'one', rationale: '', parentId: null }),
    draft('prompt.version', candidate, { versionId: 'v2', text: 'p2', label: 'two', rationale: '', parentId: 'v1' }),
    // A test-run answer in between: it takes A2, so the chat answer after it is A3 everywhere.
    asked('t2', 'case:c1', 'run:r1:c1', 'Can I return an opened item?', 'v2'),
    draft('message.sent', candidate, {
      messageId: 'm2',
      threadId: 'main',
      parentId: 't1',
      text: 'If I move house, can I change my delivery address after ordering?',
    }),
    asked('t3', 'm2', 'main', 'If I move house, can I change my delivery address after ordering?', 'v2'),
  ]),
);

describe('answer labels', () => {
  it('numbers every answer in start order and names its question and version', () => {
    expect(answerLabel(state, 't1', 'en', 'draft')).toBe('A1 · "Hello there" · draft');
    expect(answerLabel(state, 't2', 'en', 'draft')).toBe('A2 · "Can I return an opened item?" · v2');
    expect(answerLabel(state, 't3', 'en', 'draft')).toBe('A3 · "If I move house, can I…" · v2');
  });

  it('uses French quotes in French', () => {
    expect(answerLabel(state, 't3', 'fr', 'brouillon')).toBe('A3 · « If I move house, can I… » · v2');
    expect(answerLabel(state, 't1', 'fr', 'brouillon')).toBe('A1 · « Hello there » · brouillon');
  });

  it('names seeded answers apart, and a reference the log does not hold by its id', () => {
    expect(answerNameOf(state, 'seed-a1')).toEqual({ code: 'S1', question: 'Where is my parcel?', version: null });
    expect(answerLabel(state, '<img src=x>', 'en', 'draft')).toBe('<img src=x>');
  });

  it('shortens on one line at a word boundary', () => {
    expect(shorten('  a\n\nb  ')).toBe('a b');
    expect(shorten('x'.repeat(40))).toBe(`${'x'.repeat(28)}…`);
    expect(shorten('Bonjour, je voudrais savoir quand arrive mon colis')).toBe('Bonjour, je voudrais savoir…');
  });
});
