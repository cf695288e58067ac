import { afterEach, describe, expect, it } from 'vitest';
import { createSession } from '../../../server/sessions/create-session';
import { draft } from '../../../shared/events';
import { rawSqlite } from '../../helpers/raw-sqlite';
import { startTestServer, type TestServer } from '../../helpers/server';

// A session is created in one transaction. What other sessions had queued for the group
// commit must not be committed inside it: the group commit broadcasts once it has committed,
// so a creation that failed afterwards would roll back events clients had already been sent.

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('createSession', () => {
  it("commits other sessions' queued events before its own transaction, so its failure cannot take them back", async () => {
    server = await startTestServer();
    const { services } = server.app;
    const other = await server.createSession();
    rawSqlite(server).exec(
      "CREATE TRIGGER fail_created BEFORE INSERT ON events WHEN NEW.type = 'session.created' BEGIN SELECT RAISE(ABORT, 'injected'); END",
    );
    // Queued for the group commit, which would flush on the next turn of the loop.
    services.rooms.withSession(other.id, (session) =>
      session.room.append([draft('prompt.draft', { role: 'system' }, { text: 'queued elsewhere' })]),
    );

    expect(() => createSession(services, { candidateName: 'Never Created' })).toThrow('injected');

    services.rooms.flush();
    expect(services.events.all(other.id).map((e) => e.type)).toEqual(['session.created', 'prompt.draft']);
    expect(services.sessions.list().map((s) => s.candidateName)).not.toContain('Never Created');
  });
});
