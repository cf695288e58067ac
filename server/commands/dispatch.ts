import { mayIssue, type Command } from '../../shared/commands';
import { AtelierError } from '../../shared/errors';
import { draft, type EventDraft, type SessionEvent } from '../../shared/events';
import { assertNever } from '../../shared/assert-never';
import { newId } from '../ids';
import type { LiveSession } from '../rooms/live-session';
import { actorOf, type Participant } from '../rooms/room';
import { regenerate, sendMessage } from './chat';
import { requireExercise, requireLive } from './guards';
import { addNote, deleteNote, editNote, setScore, submitReview } from './staff';
import { cancelTestRun, removeTestCase, saveTestCase, startTestRun } from './test-suite';

// Commands → events. Each handler checks the command against the role and the current state,
// then returns the events to append or throws a typed error; a rejected command appends
// nothing. Handlers that start background work (answers, test runs) append themselves.

/** Handles one command; returns the events it appended (none for some), or throws a typed error. */
export function handleCommand(session: LiveSession, participant: Participant, command: Command): SessionEvent[] {
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
      const { text, label, rationale } = command.data;
      drafts = [draft('prompt.version', actor, { versionId: newId(), text, label: label.trim(), rationale, parentId: parent?.id ?? null })];
      break;
    }
    case 'message.send':
      return sendMessage(session, participant, command.data);
    case 'message.regenerate':
      return regenerate(session, participant, command.data);
    case 'turn.stop':
      requireLive(state);
      if (!session.turns.isRunning(command.data.turnId)) throw new AtelierError('turn_not_running');
      void session.turns.stop(command.data.turnId, 'stopped');
      return [];
    case 'testcase.save':
      drafts = saveTestCase(session, actor, command.data);
      break;
    case 'testcase.remove':
      drafts = removeTestCase(session, actor, command.data.caseId);
      break;
    case 'testrun.start':
      return startTestRun(session, actor, command.data);
    case 'testrun.cancel':
      cancelTestRun(session, command.data.runId);
      return [];
    case 'flag.set':
      requireLive(state);
      if (!state.turns[command.data.turnId]) throw new AtelierError('not_found', 'No such answer.');
      drafts = [draft('flag.set', actor, { flagId: newId(), ...command.data })];
      break;
    case 'flag.clear':
      requireLive(state);
      if (!state.flags[command.data.flagId]) throw new AtelierError('not_found', 'No such flag.');
      drafts = [draft('flag.cleared', actor, { flagId: command.data.flagId })];
      break;
    case 'writeup.update':
      requireLive(state);
      if (command.data.text === state.writeup.text) return [];
      drafts = [draft('writeup.updated', actor, { text: command.data.text })];
      break;
    case 'activity.focus':
      requireLive(state);
      if (state.activity.hidden === !command.data.visible) return [];
      drafts = [draft('activity.focus', actor, command.data)];
      break;
    case 'activity.paste':
      requireLive(state);
      drafts = [draft('activity.paste', actor, command.data)];
      break;
    case 'hint.send':
      requireLive(state);
      drafts = [draft('hint.received', actor, { hintId: newId(), text: command.data.text })];
      break;
    case 'note.add':
      drafts = addNote(state, actor, now, command.data);
      break;
    case 'note.edit':
      drafts = editNote(state, participant, actor, command.data);
      break;
    case 'note.delete':
      drafts = deleteNote(state, participant, actor, command.data.noteId);
      break;
    case 'score.set':
      drafts = setScore(state, session.staffMaterial(), actor, now, command.data);
      break;
    case 'question.mark':
      if (!session.staffMaterial().questionIds.has(command.data.questionId)) throw new AtelierError('not_found', 'No such interview question in this exercise.');
      drafts = [draft('question.marked', actor, command.data)];
      break;
    case 'review.submit':
      drafts = submitReview(state, actor);
      break;
    default:
      return assertNever(command);
  }
  return session.room.append(drafts, { at: now });
}
