import { mayIssue, type Command, type CommandName } from '../../shared/commands';
import { AtelierError } from '../../shared/errors';
import type { SessionEvent } from '../../shared/events';
import type { LiveSession } from '../rooms/live-session';
import { actorOf, type Member } from '../rooms/member';
import { CHAT_HANDLERS } from './chat';
import { COMPARE_HANDLERS } from './compare';
import type { Handler, Handlers, Preparer } from './handler';
import { PROMPT_HANDLERS } from './prompt';
import { SESSION_HANDLERS } from './session';
import { STAFF_HANDLERS } from './staff';
import { TEST_SUITE_HANDLERS, TEST_SUITE_PREPARERS } from './test-suite';
import { WORK_HANDLERS } from './work';

// Commands → events. Every command has exactly one handler, by type: a new command in
// shared/commands.ts does not compile until it has one here.

const HANDLERS: Handlers<CommandName> = {
  ...SESSION_HANDLERS,
  ...PROMPT_HANDLERS,
  ...CHAT_HANDLERS,
  ...TEST_SUITE_HANDLERS,
  ...COMPARE_HANDLERS,
  ...WORK_HANDLERS,
  ...STAFF_HANDLERS,
};

const PREPARERS: { readonly [N in CommandName]?: Preparer<N> } = {
  ...TEST_SUITE_PREPARERS,
};

/** The command's preparation, if it needs one (see Preparer); null when it can be handled at once. */
export function prepareCommand(session: LiveSession, participant: Member, command: Command): Promise<void> | null {
  const prepare = PREPARERS[command.name] as Preparer<typeof command.name> | undefined;
  // A command the role may not send is refused by handleCommand, without any work.
  if (!prepare || !mayIssue(participant.role, command.name)) return null;
  return prepare(session, command.data as never);
}

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
