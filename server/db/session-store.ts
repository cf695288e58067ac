import { and, desc, eq, inArray } from 'drizzle-orm';
import type { SessionState, SessionStatus } from '../../shared/state';
import type { Db } from './database';
import { exercises, sessions } from './schema';

export type SessionRow = typeof sessions.$inferSelect;

export interface SessionListItem {
  id: string;
  candidateName: string | null;
  exerciseId: string;
  exerciseTitle: string;
  status: SessionStatus;
  createdAt: number;
  startedAt: number | null;
  endedAt: number | null;
  deadline: number | null;
  turns: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
}

export class SessionStore {
  constructor(private readonly db: Db) {}

  create(row: typeof sessions.$inferInsert): void {
    this.db.insert(sessions).values(row).run();
  }

  get(id: string): SessionRow | undefined {
    return this.db.select().from(sessions).where(eq(sessions.id, id)).get();
  }

  list(filter: { status?: SessionStatus[] } = {}): SessionListItem[] {
    const rows = this.db
      .select({ session: sessions, exerciseTitle: exercises.title })
      .from(sessions)
      .innerJoin(exercises, eq(exercises.id, sessions.exerciseId))
      .where(filter.status?.length ? and(inArray(sessions.status, filter.status)) : undefined)
      .orderBy(desc(sessions.createdAt))
      .all();
    return rows.map(({ session, exerciseTitle }) => ({
      id: session.id,
      candidateName: session.candidateName,
      exerciseId: session.exerciseId,
      exerciseTitle,
      status: session.status,
      createdAt: session.createdAt,
      startedAt: session.startedAt,
      endedAt: session.endedAt,
      deadline: session.deadline,
      turns: session.turns,
      inputTokens: session.inputTokens,
      outputTokens: session.outputTokens,
      costUsd: session.costMicroUsd / 1e6,
    }));
  }

  /** Keeps the list columns in step with the reduced state; called inside the append transaction. */
  syncReadModel(id: string, state: SessionState): void {
    this.db
      .update(sessions)
      .set({
        status: state.status,
        startedAt: state.startedAt,
        deadline: state.deadline,
        endedAt: state.endedAt,
        turns: state.totals.turns,
        inputTokens: state.totals.inputTokens,
        outputTokens: state.totals.outputTokens,
        costMicroUsd: Math.round(state.totals.costUsd * 1e6),
      })
      .where(eq(sessions.id, id))
      .run();
  }

  /** Sessions that were live when the server last stopped: their rooms must be reopened. */
  liveIds(): string[] {
    return this.db.select({ id: sessions.id }).from(sessions).where(eq(sessions.status, 'live')).all().map((r) => r.id);
  }
}
