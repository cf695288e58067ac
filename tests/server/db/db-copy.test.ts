import BetterSqlite3 from 'better-sqlite3';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { copySqliteToPostgres } from '../../../server/db/copy-to-postgres';
import { chatTurns, connectLive } from '../../helpers/live-client';
import { startTestServer, type TestServer } from '../../helpers/server';
import { createTestDatabase, type TestDatabase } from '../../helpers/test-database';

// An install moves from SQLite to PostgreSQL (npm run db:copy): everything comes across, the
// invites still work, and a server on PostgreSQL carries the session on from where it was.

const MIGRATIONS = fileURLToPath(new URL('../../../migrations-pg', import.meta.url));
let servers: TestServer[] = [];
let database: TestDatabase | undefined;

afterEach(async () => {
  for (const s of servers) await s.close();
  servers = [];
  await database?.drop();
});

describe('db:copy', () => {
  it('copies every table, checks the events of every session, and the PostgreSQL server carries on', async () => {
    const sqliteServer = await startTestServer({ config: { databaseUrl: undefined } });
    servers.push(sqliteServer);
    const session = await sqliteServer.createSession({ candidateName: 'Moved Candidate' });
    const candidate = await connectLive(sqliteServer.wsUrl, session.id, { token: session.invites.candidate.token });
    await candidate.hello(0);
    await candidate.command('session.start');
    await candidate.command('message.send', { text: 'Hello before the move' });
    await candidate.waitFor((c) => chatTurns(c).find((t) => t.status === 'completed'));
    const interviewer = await connectLive(sqliteServer.wsUrl, session.id, { token: session.invites.interviewer.token });
    await interviewer.hello(0);
    expect(await interviewer.command('note.add', { text: 'staff note survives' })).toMatchObject({ type: 'ack' });
    await candidate.close();
    await interviewer.close();
    await sqliteServer.stop();

    const file = join(sqliteServer.dataDir, 'atelier.db');
    const sqlite = new BetterSqlite3(file, { readonly: true });
    const sourceEvents = sqlite
      .prepare('SELECT seq, at, type, actor, data, candidate_seq FROM events WHERE session_id = ? ORDER BY seq')
      .all(session.id);
    const sourceAudit = (sqlite.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
    sqlite.close();

    database = await createTestDatabase();
    const report = await copySqliteToPostgres(file, database.url, MIGRATIONS);
    expect(report.sessions).toBe(1);
    expect(report.events).toBe(sourceEvents.length);
    expect(report.tables.invites).toBe(3);
    expect(report.tables.audit_log).toBe(sourceAudit);

    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const copied = (
      await client.query('SELECT seq, at, type, actor, data, candidate_seq FROM events WHERE session_id = $1 ORDER BY seq', [session.id])
    ).rows;
    await client.end();
    expect(copied.map((r) => ({ ...r, at: Number(r.at) }))).toEqual(sourceEvents);

    // A second copy into the same database is refused and changes nothing.
    await expect(copySqliteToPostgres(file, database.url, MIGRATIONS)).rejects.toThrow(/already holds sessions/);

    const pgServer = await startTestServer({ config: { databaseUrl: database.url, nodeId: 'after-move' } });
    servers.push(pgServer);
    const back = await connectLive(pgServer.wsUrl, session.id, { token: session.invites.candidate.token });
    const welcome = await back.hello(0);
    expect(welcome.headSeq).toBeGreaterThan(0);
    expect(chatTurns(back)[0]?.text).toBeTruthy();
    expect(await back.command('message.send', { text: 'And after it' })).toMatchObject({ type: 'ack' });
    await back.waitFor((c) => chatTurns(c).filter((t) => t.status === 'completed').length === 2);
    await back.close();
    const list = await fetch(`${pgServer.url}/api/sessions`, { headers: { authorization: `Bearer ${pgServer.adminToken}` } });
    expect(((await list.json()) as { sessions: { candidateName: string }[] }).sessions.map((s) => s.candidateName)).toEqual([
      'Moved Candidate',
    ]);
  }, 60_000);
});
