import type { CommandData, CommandName } from '../../shared/commands';
import type { Actor, EventDraft, SessionEvent } from '../../shared/events';
import type { SessionState } from '../../shared/state';
import type { LiveSession } from '../rooms/live-session';
import type { Member } from '../rooms/member';

// The one shape of a command handler. It checks the command against the current state and
// either throws a typed error (nothing is appended) or says what happens:
//  - `drafts`: the events to append, stamped with the instant the command was handled at;
//  - `start`: work that begins once they are appended — an answer or a test run, whose own
//    events their runner appends — returning what it appended.

export interface CommandContext {
  readonly session: LiveSession;
  readonly participant: Member;
  readonly actor: Actor;
  /** The state the command is checked against. */
  readonly state: SessionState;
  /** The instant the command is handled at (its events' `at`). */
  readonly now: number;
}

export interface Outcome {
  readonly drafts?: readonly EventDraft[];
  readonly start?: () => readonly SessionEvent[];
}

export type Handler<N extends CommandName> = (context: CommandContext, data: CommandData<N>) => Outcome;

/** Handlers of some commands: each area's file exports one of these. */
export type Handlers<N extends CommandName> = { readonly [K in N]: Handler<K> };

/** Nothing to append (a repeated draft, an unchanged write-up). */
export const NOTHING: Outcome = {};

/**
 * Work a command needs done off the event loop before its handler runs (a candidate's JSON
 * Schema compiled on the check worker): it throws a typed error to refuse the command. The
 * handler then checks the command against the state as it is by then, as always.
 */
export type Preparer<N extends CommandName> = (session: LiveSession, data: CommandData<N>) => Promise<void>;
