import { transcriptTo } from '../../shared/conversation';
import { AtelierError } from '../../shared/errors';
import { draft, type EventDraft } from '../../shared/events';
import { type GenerationParams } from '../../shared/generation';
import { MAIN_THREAD } from '../../shared/state';
import type { ChatMessage } from '../llm/provider';
import { newId } from '../ids';
import { boundedParams, currentVersionId, resolveModel } from './generation';
import { requireDraft, requireExercise, requireLive } from './guards';
import type { CommandContext, Handlers, Outcome } from './handler';

// The conversation: a user message and the answer to it, an answer again, Stop.

export const CHAT_HANDLERS: Handlers<'message.send' | 'message.regenerate' | 'turn.stop'> = {
  'message.send': (context, data) => {
    const { state, actor } = context;
    requireLive(state);
    const threadId = data.threadId ?? MAIN_THREAD;
    const thread = state.threads[threadId];
    const parentId = data.parentId === undefined ? (thread?.leafId ?? null) : data.parentId;
    if (parentId !== null) {
      const parent = state.nodes[parentId];
      if (!parent || parent.threadId !== threadId) throw new AtelierError('invalid_payload', 'parentId is not a message of this thread.');
    }
    const messageId = newId();
    const messages = [...transcriptTo(state, parentId), { role: 'user' as const, content: data.text }];
    const sent = draft('message.sent', actor, { messageId, threadId, parentId, text: data.text });
    requireDraft(state, data.promptHash);
    return answer(context, { threadId, messageId, messages, model: data.model, params: data.params, before: [sent], variant: 0 });
  },
  /** Answers an earlier user message again: the new answer is a sibling of the previous ones. */
  'message.regenerate': (context, data) => {
    requireLive(context.state);
    requireDraft(context.state, data.promptHash);
    const message = context.state.nodes[data.messageId];
    if (!message || message.kind !== 'user') throw new AtelierError('not_found', 'No such message.');
    const messages = transcriptTo(context.state, message.id);
    // The answers already given to this message: a deterministic provider words this one differently.
    const variant = message.childIds.length;
    return answer(context, {
      threadId: message.threadId,
      messageId: message.id,
      messages,
      model: data.model,
      params: data.params,
      before: [],
      variant,
    });
  },
  'turn.stop': ({ session, state }, data) => {
    requireLive(state);
    if (!session.turns.isRunning(data.turnId)) throw new AtelierError('turn_not_running');
    // The stop's effect (turn.cancelled) follows as the turn runner's own event.
    void session.turns.stop(data.turnId, 'stopped');
    return {};
  },
};

interface AnswerRequest {
  threadId: string;
  /** The user message the answer hangs off. */
  messageId: string;
  messages: ChatMessage[];
  model: string | undefined;
  params: Partial<GenerationParams> | undefined;
  /** Events to append with the turn's start, in the same commit (the user message). */
  before: EventDraft[];
  /** Which answer to these messages this is (LlmRequest.variant): 0 first, then one per regenerate. */
  variant: number;
}

/** Checks what can be checked up front; the answer itself starts (or is refused) once dispatched. */
function answer({ session, state, actor }: CommandContext, request: AnswerRequest): Outcome {
  const exercise = requireExercise(state);
  if (session.turns.isThreadBusy(request.threadId)) throw new AtelierError('turn_in_progress');
  const model = resolveModel(session, exercise, request.model);
  const params = boundedParams(exercise, request.params ?? {});
  const system = state.prompt.draft;
  return {
    start: () =>
      session.startAnswer(
        {
          turnId: newId(),
          actor,
          threadId: request.threadId,
          parentId: request.messageId,
          model,
          params,
          system,
          messages: request.messages,
          promptVersionId: currentVersionId(state, system),
          variant: request.variant,
        },
        request.before,
        { admit: true },
      ).events,
  };
}
