import { and, count, desc, eq, gte, inArray, isNotNull, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { SessionListItem as SessionListEntry, SessionListStatus } from '../../shared/api/sessions';
import { spentOf } from '../../shared/budget';
import type { SessionState } from '../../shared/state';
import type { Transaction } from './database';
import { events, exercises, invites, sessions } from './schema';
import type { Db, SqliteDatabase } from './sqlite';

export type SessionRow = typeof sessions.$inferSelect;

/** A REST list item without `timeLeftMs`, which the route adds by the server clock. */
export type SessionListItem = Omit<SessionListEntry, 'timeLeftMs'>;

export interface SessionFilter {
  status?: SessionListStatus[];
  exerciseId?: string;
  /** Part of the candidate's name or email, case-insensitive. */
  q?: string;
  /** Part of a reviewer's name, case-insensitive. */
  reviewer?: string;
  minScore?: number;
  maxScore?: number;
}

/**
 * The mean of every rubric level given by scorers who submitted; null before any submitted score.
 * Drafts stay out, as in the report: a half-filled rubric would move the review queue's column.
 */
export function scoreMeanOf(state: SessionState): number | null {
  let sum = 0;
  let count = 0;
  for (const scorer of Object.values(state.scorers)) {
    if (scorer.submittedAt === null) continue;
    for (const score of Object.values(scorer.scores)) {
      if (score.level !== null) {
        sum += score.level;
        count++;
      }
    }
  }
  return count === 0 ? null : Math.round((sum / count) * 100) / 100;
}

/**
 * When the last of the session's assigned reviewers (its reviewer invites still in force)
 * submitted; null until every one has. Interviewers submitting do not count: an ended session
 * is "reviewed" only once the people asked to review it all did.
 */
export function reviewedAtOf(state: SessionState, reviewerIds: readonly string[]): number | null {
  if (reviewerIds.length === 0) return null;
  let last = 0;
  for (const id of reviewerIds) {
    const submittedAt = state.scorers[id]?.submittedAt ?? null;
    if (submittedAt === null) return null;
    last = Math.max(last, submittedAt);
  }
  return last;
}

/** The sessions row's columns kept in step with the log (both engines write these). */
export function readModelOf(state: SessionState, reviewerIds: readonly string[]) {
  // The list shows what the session cost the company: its answers and its judges, as the budget counts.
  const spent = spentOf(state);
  return {
    status: state.status,
    startedAt: state.startedAt,
    deadline: state.deadline,
    endedAt: state.endedAt,
    turns: state.totals.turns,
    inputTokens: spent.inputTokens,
    outputTokens: spent.outputTokens,
    costMicroUsd: Math.round(spent.costUsd * 1e6),
    reviewedAt: reviewedAtOf(state, reviewerIds),
    scoreMean: scoreMeanOf(state),
  };
}

/** One session erased: its row as it was, and how many events, notes and invites went with it. */
export interface ErasedRecord {
  session: SessionRow;
  events: number;
  notes: number;
  invites: number;
}

/** The sessions table. Its `head_seq` column is the event store's (see the schema). */
export interface SessionStore {
  create(row: typeof sessions.$inferInsert, tx?: Transaction): void;
  get(id: string, tx?: Transaction): SessionRow | undefined;
  item(id: string): SessionListItem | undefined;
  list(filter?: SessionFilter): SessionListItem[];
  /** Sessions of one candidate, matched exactly (ignoring case and surrounding spaces). */
  byCandidate(who: { candidateEmail?: string; candidateName?: string }): SessionRow[];
  /** Ended sessions whose end is older than `cutoff` (retention). */
  endedBefore(cutoff: number): string[];
  /**
   * Deletes these sessions with everything recorded about them (their events and invites), in
   * one transaction: the caller's if given, else its own. Ids with no session are skipped.
   */
  erase(ids: readonly string[], tx?: Transaction): ErasedRecord[];
  /** Keeps the list columns in step with the reduced state; called inside the append transaction. */
  /** Writes the list's columns; answers the session's assigned reviewers (their invites in force), which the columns were judged by. */
  syncReadModel(id: string, state: SessionState, tx: Transaction): readonly string[];
  /** Sessions that were live when the server last stopped: their rooms must be reopened. */
  liveIds(): string[];
}

export class SqliteSessionStore implements SessionStore {
  private readonly db: Db;

  constructor(private readonly database: SqliteDatabase) {
    this.db = database.db;
  }

  create(row: typeof sessions.$inferInsert, tx?: Transaction): void {
    this.database.on(tx).insert(sessions).values(row).run();
  }

  get(id: string, tx?: Transaction): SessionRow | undefined {
    return this.database.on(tx).select().from(sessions).where(eq(sessions.id, id)).get();
  }

  item(id: string): SessionListItem | undefined {
    return this.query(eq(sessions.id, id))[0];
  }

  list(filter: SessionFilter = {}): SessionListItem[] {
    const conditions: (SQL | undefined)[] = [];
    if (filter.status?.length) conditions.push(or(...filter.status.map(statusCondition)));
    if (filter.exerciseId) conditions.push(eq(sessions.exerciseId, filter.exerciseId));
    const q = filter.q?.trim();
    if (filter.minScore !== undefined) conditions.push(gte(sessions.scoreMean, filter.minScore));
    if (filter.maxScore !== undefined) conditions.push(lte(sessions.scoreMean, filter.maxScore));
    const reviewer = filter.reviewer?.trim();
    if (reviewer) {
      conditions.push(
        sql`EXISTS (SELECT 1 FROM ${invites} WHERE ${invites.sessionId} = ${sessions.id} AND ${invites.role} = 'reviewer' AND ${invites.name} LIKE ${likePattern(reviewer)} ESCAPE '\\')`,
      );
    }
    if (q) {
      // SQLite's LIKE ignores ASCII case; % and _ in the query are literal.
      const pattern = likePattern(q);
      conditions.push(
        or(sql`${sessions.candidateName} LIKE ${pattern} ESCAPE '\\'`, sql`${sessions.candidateEmail} LIKE ${pattern} ESCAPE '\\'`),
      );
    }
    return this.query(conditions.length ? and(...conditions) : undefined);
  }

  byCandidate(who: { candidateEmail?: string; candidateName?: string }): SessionRow[] {
    const condition = who.candidateEmail
      ? sql`lower(${sessions.candidateEmail}) = ${who.candidateEmail.trim().toLowerCase()}`
      : sql`lower(trim(${sessions.candidateName})) = ${(who.candidateName ?? '').trim().toLowerCase()}`;
    return this.db.select().from(sessions).where(condition).orderBy(desc(sessions.createdAt)).all();
  }

  endedBefore(cutoff: number): string[] {
    return this.db
      .select({ id: sessions.id })
      .from(sessions)
      .where(and(eq(sessions.status, 'ended'), isNotNull(sessions.endedAt), lt(sessions.endedAt, cutoff)))
      .all()
      .map((r) => r.id);
  }

  erase(ids: readonly string[], tx?: Transaction): ErasedRecord[] {
    return this.database.atomically(tx, () =>
      ids.flatMap((id): ErasedRecord[] => {
        const session = this.db.select().from(sessions).where(eq(sessions.id, id)).get();
        if (!session) return [];
        const erased = { session, events: this.countEvents(id), notes: this.countEvents(id, 'note.added'), invites: this.countInvites(id) };
        // Its events and invites go with the row (foreign keys cascade).
        this.db.delete(sessions).where(eq(sessions.id, id)).run();
        return [erased];
      }),
    );
  }

  syncReadModel(id: string, state: SessionState, tx: Transaction): readonly string[] {
    const reviewerIds = this.database
      .on(tx)
      .select({ id: invites.id, participantId: invites.participantId })
      .from(invites)
      .where(and(eq(invites.sessionId, id), eq(invites.role, 'reviewer'), isNull(invites.revokedAt)))
      .all()
      // The person, as their events name them (a re-sent invite keeps its predecessor's).
      .map((row) => row.participantId ?? row.id);
    this.database.on(tx).update(sessions).set(readModelOf(state, reviewerIds)).where(eq(sessions.id, id)).run();
    return reviewerIds;
  }

  liveIds(): string[] {
    return this.db
      .select({ id: sessions.id })
      .from(sessions)
      .where(eq(sessions.status, 'live'))
      .all()
      .map((r) => r.id);
  }

  private countEvents(sessionId: string, type?: 'note.added'): number {
    const where = and(eq(events.sessionId, sessionId), type ? eq(events.type, type) : undefined);
    return this.db.select({ n: count() }).from(events).where(where).get()?.n ?? 0;
  }

  private countInvites(sessionId: string): number {
    return this.db.select({ n: count() }).from(invites).where(eq(invites.sessionId, sessionId)).get()?.n ?? 0;
  }

  private query(where: SQL | undefined): SessionListItem[] {
    const rows = this.db
      .select({ session: sessions, exerciseTitle: exercises.title })
      .from(sessions)
      .innerJoin(exercises, eq(exercises.id, sessions.exerciseId))
      .where(where)
      .orderBy(desc(sessions.createdAt))
      .all();
    const reviewers = this.reviewerNames(rows.map((r) => r.session.id));
    return rows.map(({ session, exerciseTitle }) => ({
      id: session.id,
      candidateName: session.candidateName,
      candidateEmail: session.candidateEmail,
      exerciseId: session.exerciseId,
      exerciseVersion: session.exerciseVersion,
      exerciseTitle,
      status: session.status,
      reviewed: session.status === 'ended' && session.reviewedAt !== null,
      reviewedAt: session.reviewedAt,
      createdAt: session.createdAt,
      scheduledFor: session.scheduledFor,
      startedAt: session.startedAt,
      endedAt: session.endedAt,
      deadline: session.deadline,
      turns: session.turns,
      inputTokens: session.inputTokens,
      outputTokens: session.outputTokens,
      costUsd: session.costMicroUsd / 1e6,
      scoreMean: session.scoreMean,
      reviewers: reviewers.get(session.id) ?? [],
    }));
  }

  /** Reviewer names per session, in one query for the whole list. */
  private reviewerNames(ids: string[]): Map<string, string[]> {
    const names = new Map<string, string[]>();
    if (ids.length === 0) return names;
    const rows = this.db
      .select({ sessionId: invites.sessionId, name: invites.name })
      .from(invites)
      // A re-sent invite names the same person as the one it replaced: count them once.
      .where(and(inArray(invites.sessionId, ids), eq(invites.role, 'reviewer'), isNotNull(invites.name), isNull(invites.replacedBy)))
      .all();
    for (const row of rows) names.set(row.sessionId, [...(names.get(row.sessionId) ?? []), row.name!]);
    return names;
  }
}

function statusCondition(status: SessionListStatus): SQL | undefined {
  if (status === 'reviewed') return and(eq(sessions.status, 'ended'), isNotNull(sessions.reviewedAt));
  return eq(sessions.status, status);
}

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
