import type { SessionState } from '../../../shared/state';
import type { Transaction } from '../database';
import {
  readModelOf,
  type ErasedRecord,
  type SessionFilter,
  type SessionListItem,
  type SessionRow,
  type SessionStore,
} from '../session-store';
import type { sessions as sqliteSessions } from '../schema';
import { insertOf, selectList } from './columns';
import type { PgDatabase } from './pg-database';
import { sessions } from './schema';

// The sessions table on PostgreSQL; the same answers as SqliteSessionStore (the server suite
// runs against both).

const COLUMNS = selectList(sessions, 's');

export class PgSessionStore implements SessionStore {
  constructor(private readonly database: PgDatabase) {}

  create(row: typeof sqliteSessions.$inferInsert, tx?: Transaction): void {
    const insert = insertOf(sessions, 'sessions', row);
    this.database.query(insert.text, insert.values, tx);
  }

  get(id: string, tx?: Transaction): SessionRow | undefined {
    return this.database.query<SessionRow>(`SELECT ${COLUMNS} FROM sessions s WHERE s.id = $1`, [id], tx)[0];
  }

  item(id: string): SessionListItem | undefined {
    return this.query('s.id = $1', [id])[0];
  }

  list(filter: SessionFilter = {}): SessionListItem[] {
    const conditions: string[] = [];
    const values: unknown[] = [];
    const param = (value: unknown) => {
      values.push(value);
      return `$${values.length}`;
    };
    if (filter.status?.length)
      conditions.push(
        `(${filter.status.map((status) => (status === 'reviewed' ? "(s.status = 'ended' AND s.reviewed_at IS NOT NULL)" : `s.status = ${param(status)}`)).join(' OR ')})`,
      );
    if (filter.exerciseId) conditions.push(`s.exercise_id = ${param(filter.exerciseId)}`);
    if (filter.minScore !== undefined) conditions.push(`s.score_mean >= ${param(filter.minScore)}`);
    if (filter.maxScore !== undefined) conditions.push(`s.score_mean <= ${param(filter.maxScore)}`);
    const reviewer = filter.reviewer?.trim();
    if (reviewer) {
      conditions.push(
        `EXISTS (SELECT 1 FROM invites i WHERE i.session_id = s.id AND i.role = 'reviewer' AND i.name ILIKE ${param(likePattern(reviewer))} ESCAPE '\\')`,
      );
    }
    const q = filter.q?.trim();
    if (q) {
      // ILIKE: the same case-insensitive match as SQLite's LIKE; % and _ in the query are literal.
      const pattern = param(likePattern(q));
      conditions.push(`(s.candidate_name ILIKE ${pattern} ESCAPE '\\' OR s.candidate_email ILIKE ${pattern} ESCAPE '\\')`);
    }
    return this.query(conditions.length ? conditions.join(' AND ') : 'TRUE', values);
  }

  byCandidate(who: { candidateEmail?: string; candidateName?: string }): SessionRow[] {
    const [condition, value] = who.candidateEmail
      ? ['lower(s.candidate_email) = $1', who.candidateEmail.trim().toLowerCase()]
      : ['lower(trim(s.candidate_name)) = $1', (who.candidateName ?? '').trim().toLowerCase()];
    return this.database.query<SessionRow>(`SELECT ${COLUMNS} FROM sessions s WHERE ${condition} ORDER BY s.created_at DESC`, [value]);
  }

  endedBefore(cutoff: number): string[] {
    return this.database
      .query<{ id: string }>("SELECT id FROM sessions WHERE status = 'ended' AND ended_at IS NOT NULL AND ended_at < $1", [cutoff])
      .map((r) => r.id);
  }

  erase(ids: readonly string[], tx?: Transaction): ErasedRecord[] {
    return this.database.atomically(tx, () =>
      ids.flatMap((id): ErasedRecord[] => {
        const session = this.get(id);
        if (!session) return [];
        const [counts, invites] = this.database.run([
          {
            text: "SELECT count(*) AS events, count(*) FILTER (WHERE type = 'note.added') AS notes FROM events WHERE session_id = $1",
            values: [id],
          },
          { text: 'SELECT count(*) AS n FROM invites WHERE session_id = $1', values: [id] },
          // Its events, invites and lease go with the row (foreign keys cascade).
          { text: 'DELETE FROM sessions WHERE id = $1', values: [id] },
        ]);
        const { events, notes } = counts!.rows[0] as { events: number; notes: number };
        return [{ session, events, notes, invites: (invites!.rows[0] as { n: number }).n }];
      }),
    );
  }

  syncReadModel(id: string, state: SessionState, tx: Transaction): readonly string[] {
    const reviewerIds = this.database
      .query<{
        id: string;
      }>(
        "SELECT COALESCE(participant_id, id) AS id FROM invites WHERE session_id = $1 AND role = 'reviewer' AND revoked_at IS NULL",
        [id],
        tx,
      )
      .map((row) => row.id);
    const m = readModelOf(state, reviewerIds);
    this.database.query(
      `UPDATE sessions SET status = $2, started_at = $3, deadline = $4, ended_at = $5, turns = $6, input_tokens = $7, output_tokens = $8,
         cost_micro_usd = $9, reviewed_at = $10, score_mean = $11 WHERE id = $1`,
      [id, m.status, m.startedAt, m.deadline, m.endedAt, m.turns, m.inputTokens, m.outputTokens, m.costMicroUsd, m.reviewedAt, m.scoreMean],
      tx,
    );
    return reviewerIds;
  }

  liveIds(): string[] {
    return this.database.query<{ id: string }>("SELECT id FROM sessions WHERE status = 'live'").map((r) => r.id);
  }

  private query(where: string, values: unknown[]): SessionListItem[] {
    const rows = this.database.query<SessionRow & { exerciseTitle: string; reviewers: string[] | null }>(
      `SELECT ${COLUMNS}, e.title AS "exerciseTitle",
         (SELECT array_agg(i.name ORDER BY i.created_at) FROM invites i WHERE i.session_id = s.id AND i.role = 'reviewer' AND i.name IS NOT NULL
           AND i.replaced_by IS NULL) AS reviewers
       FROM sessions s JOIN exercises e ON e.id = s.exercise_id WHERE ${where} ORDER BY s.created_at DESC`,
      values,
    );
    return rows.map((session) => ({
      id: session.id,
      candidateName: session.candidateName,
      candidateEmail: session.candidateEmail,
      exerciseId: session.exerciseId,
      exerciseVersion: session.exerciseVersion,
      exerciseTitle: session.exerciseTitle,
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
      reviewers: session.reviewers ?? [],
    }));
  }
}

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
