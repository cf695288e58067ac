import { mayIssue, type Command, type CommandName } from '../../shared/commands';
import { AtelierError } from '../../shared/errors';
import type { SessionEvent } from '../../shared/events';
import type { LiveSession } from '../rooms/live-session';
import { actorOf, type Member } from '../rooms/member';
import { CHAT_HANDLERS } from './chat';
import type { Handler, Handlers } from './handler';
import { PROMPT_HANDLERS } from './prompt';
import { SESSION_HANDLERS } from './session';
import { STAFF_HANDLERS } from './staff';
import { TEST_SUITE_HANDLERS } from './test-suite';
import { WORK_HANDLERS } from './work';

// Commands → events. Every command has exactly one handler, by type: a new command in
// shared/commands.ts does not compile until it has one here.

const HANDLERS: Handlers<CommandName> = {
  ...SESSION_HANDLERS,
  ...PROMPT_HANDLERS,
  ...CHAT_HANDLERS,
  ...TEST_SUITE_HANDLERS,
  ...WORK_HANDLERS,
  ...STAFF_HANDLERS,
};

/** Handles one command; returns the events it appended (none for some), or throws a typed error having appended nothing. */
export function handleCommand(session: LiveSession, participant: Member, command: Command): SessionEvent[] {
  if (!mayIssue(participant.role, command.name)) {
    throw new AtelierError('forbidden', `A ${participant.role} may not send "${command.name}".`);
  }
  session.enforceDeadline();
  const now = session.room.now();
  const handler = HANDLERS[command.name] as Handler<typeof command.name>;
  const outcome = handler({ session, participant, actor: actorOf(participant), state: session.room.state, now }, command.data as never);
  const appended = outcome.drafts && outcome.drafts.length > 0 ? session.room.append(outcome.drafts, { at: now }) : [];
  return outcome.start ? [...appended, ...outcome.start()] : appended;
}
