import { draft, SYSTEM_ACTOR, type Actor, type EventDraft, type SessionEvent } from '../../shared/events';
import { DEFAULT_PARAM_BOUNDS, type ExerciseSnapshot } from '../../shared/exercise';

export const candidate: Actor = { role: 'candidate', participantId: 'inv-c', name: 'Ada' };
export const interviewer: Actor = { role: 'interviewer', participantId: 'inv-i' };

export const exercise: ExerciseSnapshot = {
  id: 'ex',
  version: 1,
  slug: 'ex',
  title: 'Exercise',
  language: 'en',
  brief: 'Do it',
  systemPrompt: 'You are helpful.',
  knowledgeBase: '',
  timeLimitMinutes: 30,
  models: [],
  defaultModel: 'offline/simulator',
  params: DEFAULT_PARAM_BOUNDS,
  budget: { maxTokens: null, maxCostUsd: null },
  testCases: [],
  seedConversation: [],
};

/** Numbers drafts as the server would: seq from 1, `at` one second apart from t0. */
export function sequence(drafts: EventDraft[], t0 = 1_700_000_000_000): SessionEvent[] {
  return drafts.map((d, i) => ({ ...d, seq: i + 1, at: t0 + i * 1000 }) as SessionEvent);
}

export const turnStarted = (turnId: string, parentId: string, threadId = 'main') =>
  draft('turn.started', candidate, {
    turnId,
    threadId,
    parentId,
    modelId: 'offline/simulator',
    providerId: 'offline',
    model: 'simulator',
    simulated: true,
    params: { temperature: 0.7, topP: 1, maxOutputTokens: 100 },
    request: { system: 'sys', messages: [] },
    promptVersionId: null,
  });

export const basicSession = (): EventDraft[] => [
  draft('session.created', SYSTEM_ACTOR, { exercise, candidateName: 'Ada' }),
  draft('session.started', candidate, { deadline: 1_700_000_000_000 + 30 * 60_000 }),
  draft('message.sent', candidate, { messageId: 'm1', threadId: 'main', parentId: null, text: 'Hello' }),
  turnStarted('t1', 'm1'),
  draft('turn.delta', SYSTEM_ACTOR, { turnId: 't1', text: 'Hi ' }),
  draft('turn.delta', SYSTEM_ACTOR, { turnId: 't1', text: 'there' }),
  draft('turn.completed', SYSTEM_ACTOR, {
    turnId: 't1',
    text: 'Hi there',
    finish: { unified: 'stop', raw: 'stop' },
    usage: { inputTokens: 10, outputTokens: 2, estimated: false },
    ttftMs: 12,
    durationMs: 40,
    costUsd: 0.001,
    requestId: 'req-1',
  }),
  draft('note.added', interviewer, {
    noteId: 'n1',
    text: 'Good opening',
    tags: ['strength'],
    pinnedAt: 1_700_000_003_000,
    turnId: 't1',
    versionId: null,
  }),
];
