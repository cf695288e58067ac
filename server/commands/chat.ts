import type { CommandData } from '../../shared/commands';
import { transcriptTo } from '../../shared/conversation';
import { AtelierError } from '../../shared/errors';
import { draft, type EventDraft, type GenerationParams } from '../../shared/events';
import type { ExerciseSnapshot } from '../../shared/exercise';
import { MAIN_THREAD, type SessionState } from '../../shared/state';
import { newId } from '../ids';
import type { LiveSession } from '../rooms/live-session';
import { actorOf, type Participant } from '../rooms/room';
import type { CatalogModel } from '../turns/model-catalog';
import { requireExercise, requireLive } from './guards';

// message.send: a user message and the turn that answers it, then the stream.

export function sendMessage(session: LiveSession, participant: Participant, data: CommandData<'message.send'>): number[] {
  const state = session.room.state;
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
  const sent = draft('message.sent', actorOf(participant), { messageId, threadId, parentId, text: data.text });
  return startAnswer(session, participant, { threadId, messageId, messages, model: data.model, params: data.params, before: [sent], variant: 0 });
}

/** Answers an earlier user message again: the new answer is a sibling of the previous ones. */
export function regenerate(session: LiveSession, participant: Participant, data: CommandData<'message.regenerate'>): number[] {
  const state = session.room.state;
  requireLive(state);
  const message = state.nodes[data.messageId];
  if (!message || message.kind !== 'user') throw new AtelierError('not_found', 'No such message.');
  const messages = transcriptTo(state, message.id);
  // The answers already given to this message: a deterministic provider words this one differently.
  const variant = message.childIds.length;
  return startAnswer(session, participant, { threadId: message.threadId, messageId: message.id, messages, model: data.model, params: data.params, before: [], variant });
}

interface AnswerSpec {
  threadId: string;
  /** The user message the answer hangs off. */
  messageId: string;
  messages: { role: 'user' | 'assistant'; content: string }[];
  model: string | undefined;
  params: Partial<GenerationParams> | undefined;
  /** Events to append with the turn's start, in the same commit (the user message). */
  before: EventDraft[];
  /** Which answer to these messages this is (LlmRequest.variant): 0 first, then one per regenerate. */
  variant: number;
}

function startAnswer(session: LiveSession, participant: Participant, spec: AnswerSpec): number[] {
  const state = session.room.state;
  const exercise = requireExercise(state);
  if (session.turns.isThreadBusy(spec.threadId)) throw new AtelierError('turn_in_progress');
  const model = resolveModel(session, exercise, spec.model);
  const params = boundedParams(exercise, spec.params ?? {});
  session.enforceBudget();
  session.admitTurn();

  const turnId = newId();
  const system = state.prompt.draft;
  const events = session.room.append([
    ...spec.before,
    draft('turn.started', actorOf(participant), {
      turnId,
      threadId: spec.threadId,
      parentId: spec.messageId,
      modelId: model.id,
      providerId: model.providerId,
      model: model.model,
      simulated: model.simulated,
      params,
      request: { system, messages: spec.messages },
      promptVersionId: currentVersionId(state, system),
    }),
  ]);
  session.startTurn({ turnId, threadId: spec.threadId, modelId: model.id, request: { model: model.model, system, messages: spec.messages, params, variant: spec.variant } });
  return events.map((e) => e.seq);
}

/** The model asked for (or the exercise's default), if configured and allowed by the exercise. */
export function resolveModel(session: LiveSession, exercise: ExerciseSnapshot, asked: string | undefined): CatalogModel {
  const id = asked ?? exercise.defaultModel;
  const model = session.models.get(id) ?? (asked ? undefined : session.models.get(session.models.defaultModelId));
  if (!model) throw new AtelierError('model_not_allowed', `The model "${id}" is not configured.`);
  if (exercise.models.length > 0 && !exercise.models.includes(model.id)) {
    throw new AtelierError('model_not_allowed', `This exercise does not allow "${model.id}".`);
  }
  return model;
}

export function boundedParams(exercise: ExerciseSnapshot, asked: Partial<GenerationParams>): GenerationParams {
  const bounds = exercise.params;
  const pick = (name: keyof GenerationParams): number => {
    const value = asked[name] ?? bounds[name].default;
    if (value < bounds[name].min || value > bounds[name].max) {
      throw new AtelierError('param_out_of_bounds', `${name} must be between ${bounds[name].min} and ${bounds[name].max}.`);
    }
    return value;
  };
  return { temperature: pick('temperature'), topP: pick('topP'), maxOutputTokens: pick('maxOutputTokens') };
}

/** The saved version the draft is identical to, if any: a turn is tied to it. */
export function currentVersionId(state: SessionState, system: string): string | null {
  const last = state.prompt.versions[state.prompt.versions.length - 1];
  return last && last.text === system ? last.id : null;
}
