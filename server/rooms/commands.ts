import { mayIssue, type Command, type CommandData } from '../../shared/commands';
import { transcriptTo } from '../../shared/conversation';
import { AtelierError } from '../../shared/errors';
import { draft, type EventDraft, type GenerationParams } from '../../shared/events';
import type { ExerciseSnapshot } from '../../shared/exercise';
import { MAIN_THREAD, type SessionState } from '../../shared/state';
import { assertNever } from '../../shared/assert-never';
import { newId } from '../ids';
import type { LiveSession } from './live-session';
import { actorOf, type Participant } from './room';

// Commands → events. Each handler checks the command against the current state and either
// returns the events to append or throws a typed error; a rejected command appends nothing.

export function handleCommand(session: LiveSession, participant: Participant, command: Command): number[] {
  if (!mayIssue(participant.role, command.name)) {
    throw new AtelierError('forbidden', `A ${participant.role} may not send "${command.name}".`);
  }
  session.enforceDeadline();
  const state = session.room.state;
  const actor = actorOf(participant);
  const now = session.room.now();
  let drafts: EventDraft[];
  switch (command.name) {
    case 'session.start':
      if (state.status !== 'scheduled') throw new AtelierError(state.status === 'ended' ? 'session_ended' : 'already_started');
      drafts = [draft('session.started', actor, { deadline: now + requireExercise(state).timeLimitMinutes * 60_000 })];
      break;
    case 'session.submit':
      requireLive(state);
      drafts = [draft('session.ended', actor, { reason: 'submitted' })];
      break;
    case 'session.end':
      if (state.status === 'ended') throw new AtelierError('session_ended');
      drafts = [draft('session.ended', actor, { reason: 'ended_by_staff' })];
      break;
    case 'session.extend': {
      requireLive(state);
      const deadline = Math.max(state.deadline ?? now, now) + command.data.minutes * 60_000;
      drafts = [draft('session.extended', actor, { byMinutes: command.data.minutes, deadline })];
      break;
    }
    case 'prompt.draft':
      requireLive(state);
      if (command.data.text === state.prompt.draft) return [];
      drafts = [draft('prompt.draft', actor, { text: command.data.text })];
      break;
    case 'prompt.save': {
      requireLive(state);
      const parent = state.prompt.versions[state.prompt.versions.length - 1];
      drafts = [
        draft('prompt.version', actor, {
          versionId: newId(),
          text: command.data.text,
          label: command.data.label.trim(),
          rationale: command.data.rationale,
          parentId: parent?.id ?? null,
        }),
      ];
      break;
    }
    case 'message.send':
      return sendMessage(session, participant, command.data);
    case 'turn.stop': {
      requireLive(state);
      if (!session.turns.isRunning(command.data.turnId)) throw new AtelierError('turn_not_running');
      void session.turns.stop(command.data.turnId, 'stopped');
      return [];
    }
    case 'hint.send':
      requireLive(state);
      drafts = [draft('hint.received', actor, { hintId: newId(), text: command.data.text })];
      break;
    case 'note.add':
      drafts = [
        draft('note.added', actor, {
          noteId: newId(),
          text: command.data.text,
          tags: command.data.tags ?? [],
          pinnedAt: command.data.pinnedAt ?? now,
          turnId: command.data.turnId ?? null,
          versionId: command.data.versionId ?? null,
        }),
      ];
      break;
    default:
      return assertNever(command);
  }
  return session.room.append(drafts).map((e) => e.seq);
}

function sendMessage(session: LiveSession, participant: Participant, data: CommandData<'message.send'>): number[] {
  const state = session.room.state;
  requireLive(state);
  const exercise = requireExercise(state);
  const threadId = data.threadId ?? MAIN_THREAD;
  const thread = state.threads[threadId];
  const parentId = data.parentId === undefined ? (thread?.leafId ?? null) : data.parentId;
  if (parentId !== null) {
    const parent = state.nodes[parentId];
    if (!parent || parent.threadId !== threadId) throw new AtelierError('invalid_payload', 'parentId is not a message of this thread.');
  }
  if (session.turns.isThreadBusy(threadId)) throw new AtelierError('turn_in_progress');
  session.admitTurn();

  const model = session.models.get(data.model ?? exercise.defaultModel) ?? session.models.get(session.models.defaultModelId);
  if (!model || (data.model && model.id !== data.model)) throw new AtelierError('model_not_allowed', `The model "${data.model}" is not configured.`);
  if (exercise.models.length > 0 && !exercise.models.includes(model.id)) {
    throw new AtelierError('model_not_allowed', `This exercise does not allow "${model.id}".`);
  }
  const params = boundedParams(exercise, data.params ?? {});
  session.enforceBudget();

  const messageId = newId();
  const turnId = newId();
  const actor = actorOf(participant);
  const lastVersion = state.prompt.versions[state.prompt.versions.length - 1];
  const system = state.prompt.draft;
  const messages = [...transcriptTo(state, parentId), { role: 'user' as const, content: data.text }];
  const events = session.room.append([
    draft('message.sent', actor, { messageId, threadId, parentId, text: data.text }),
    draft('turn.started', actor, {
      turnId,
      threadId,
      parentId: messageId,
      modelId: model.id,
      providerId: model.providerId,
      model: model.model,
      simulated: model.simulated,
      params,
      request: { system, messages },
      promptVersionId: lastVersion && lastVersion.text === system ? lastVersion.id : null,
    }),
  ]);
  session.startTurn({
    turnId,
    threadId,
    modelId: model.id,
    request: {
      model: model.model,
      system,
      messages,
      params: { temperature: params.temperature, topP: params.topP, maxOutputTokens: params.maxOutputTokens },
    },
  });
  return events.map((e) => e.seq);
}

function boundedParams(exercise: ExerciseSnapshot, asked: Partial<GenerationParams>): GenerationParams {
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

function requireLive(state: SessionState): void {
  if (state.status === 'scheduled') throw new AtelierError('not_started');
  if (state.status === 'ended') throw new AtelierError(state.endReason === 'time_up' ? 'time_up' : 'session_ended');
}

function requireExercise(state: SessionState): ExerciseSnapshot {
  if (!state.exercise) throw new AtelierError('internal', 'The session has no exercise.');
  return state.exercise;
}
