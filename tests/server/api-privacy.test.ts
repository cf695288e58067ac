import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join as joinPath } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { connectLive, type LiveClient } from '../helpers/live-client';
import { ManualClock } from '../helpers/manual-clock';
import { startTestServer, type TestServer } from '../helpers/server';
import { apiClient, errorOf } from './api-client';

const DAY = 86_400_000;
let server: TestServer;
let api: ReturnType<typeof apiClient>;
const open: LiveClient[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
  await server.close();
});

async function start(clock?: ManualClock) {
  server = await startTestServer(clock ? { clock } : {});
  api = apiClient(server);
}

async function join(sessionId: string, token: string): Promise<LiveClient> {
  const client = await connectLive(server.wsUrl, sessionId, { token });
  open.push(client);
  await client.hello();
  return client;
}

async function schedule(body: Record<string, unknown> = {}) {
  const response = await api.post('/api/sessions', body);
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body as { id: string; invites: Record<'candidate' | 'interviewer' | 'reviewer', { token: string }> };
}

/** A session the candidate worked in and submitted, with a staff note. */
async function endedSession(body: Record<string, unknown>, marks: { draft?: string; note?: string } = {}) {
  const session = await schedule(body);
  const candidate = await join(session.id, session.invites.candidate.token);
  expect(await candidate.command('session.start')).toMatchObject({ type: 'ack' });
  expect(await candidate.command('prompt.draft', { text: marks.draft ?? 'You are a helpful assistant.' })).toMatchObject({ type: 'ack' });
  const interviewer = await join(session.id, session.invites.interviewer.token);
  expect(await interviewer.command('note.add', { text: marks.note ?? 'Careful reader' })).toMatchObject({ type: 'ack' });
  expect(await candidate.command('session.submit')).toMatchObject({ type: 'ack' });
  return { session, candidate, interviewer };
}

function databaseBytes(): { db: Buffer; wal: Buffer } {
  const file = joinPath(server.dataDir, 'atelier.db');
  return { db: readFileSync(file), wal: existsSync(`${file}-wal`) ? readFileSync(`${file}-wal`) : Buffer.alloc(0) };
}

async function audit(): Promise<{ actor: string; action: string; target: { id: string } | null; details: Record<string, unknown> }[]> {
  return (await api.get('/api/audit?limit=500')).body.entries;
}

describe('privacy API', () => {
  it('erases a session: its sockets close with 4004, and its text is in neither the database file nor the WAL', async () => {
    await start();
    const draftMarker = `draft-marker-${Math.random().toString(36).slice(2)}`;
    const noteMarker = `note-marker-${Math.random().toString(36).slice(2)}`;
    const session = await schedule({ candidateName: 'Erin Erased', candidateEmail: 'erin@example.com' });
    const kept = await schedule({ candidateName: 'Kim Kept' });
    const candidate = await join(session.id, session.invites.candidate.token);
    await candidate.command('session.start');
    expect(await candidate.command('prompt.draft', { text: `My prompt: ${draftMarker}` })).toMatchObject({ type: 'ack' });
    const interviewer = await join(session.id, session.invites.interviewer.token);
    expect(await interviewer.command('note.add', { text: `Observed ${noteMarker}` })).toMatchObject({ type: 'ack' });

    const before = databaseBytes();
    expect(Buffer.concat([before.db, before.wal]).includes(draftMarker)).toBe(true);
    expect(Buffer.concat([before.db, before.wal]).includes(noteMarker)).toBe(true);

    const erased = await api.delete(`/api/sessions/${session.id}`);
    expect(erased.status).toBe(200);
    expect(erased.body.erased).toMatchObject({ id: session.id, notes: 1, invites: 3 });
    expect(erased.body.erased.events).toBeGreaterThanOrEqual(5);
    expect(await candidate.closed).toEqual({ code: 4004, reason: 'session erased' });
    expect(await interviewer.closed).toMatchObject({ code: 4004 });

    const after = databaseBytes();
    for (const marker of [draftMarker, noteMarker, 'erin@example.com', 'Erin Erased']) {
      expect(after.db.includes(marker), `${marker} in the database file`).toBe(false);
      expect(after.wal.includes(marker), `${marker} in the WAL`).toBe(false);
    }
    expect(after.db.includes('Kim Kept')).toBe(true);

    expect((await api.get(`/api/sessions/${session.id}`)).status).toBe(404);
    expect((await api.get(`/api/sessions/${session.id}/events`, { token: session.invites.candidate.token })).status).toBe(401);
    expect((await api.delete(`/api/sessions/${session.id}`)).status).toBe(404);
    expect((await api.get(`/api/sessions/${kept.id}`)).status).toBe(200);
    const entries = await audit();
    expect(entries.find((e) => e.action === 'session.delete')).toMatchObject({ actor: 'admin', target: { id: session.id } });
    expect(JSON.stringify(entries)).not.toContain('erin@example.com');
    expect(JSON.stringify(entries)).not.toContain('Erin Erased');
  });

  it('erases a session while an answer is streaming, leaving other sessions untouched', async () => {
    server = await startTestServer({ config: { simulator: { paceMs: 20, firstTokenMs: 0 } } });
    api = apiClient(server);
    const session = await schedule();
    const other = await schedule();
    const candidate = await join(session.id, session.invites.candidate.token);
    const bystander = await join(other.id, other.invites.candidate.token);
    await candidate.command('session.start');
    await bystander.command('session.start');
    await candidate.command('message.send', { text: 'Tell me everything about every plan you offer, in detail' });
    await candidate.waitFor((c) => c.events.find((e) => e.type === 'turn.delta'));

    expect((await api.delete(`/api/sessions/${session.id}`)).status).toBe(200);
    expect((await candidate.closed).code).toBe(4004);
    expect(server.app.services.events.countAfter(session.id, 0)).toBe(0);
    // The other session goes on: its socket is open and it still takes commands.
    expect(await bystander.command('prompt.draft', { text: 'still here' })).toMatchObject({ type: 'ack' });
    expect(bystander.ws.readyState).toBe(bystander.ws.OPEN);
  });

  it('purges sessions that ended more than retentionDays ago, on the hourly timer and at start, and audits it', async () => {
    const clock = new ManualClock();
    await start(clock);
    expect((await api.get('/api/settings')).body.retentionDays).toBeNull();
    const { session } = await endedSession({ candidateName: 'Old Timer' });
    const live = await schedule({ candidateName: 'Still Live' });
    const liveCandidate = await join(live.id, live.invites.candidate.token);
    await liveCandidate.command('session.start');

    const saved = await api.put('/api/settings', { retentionDays: 30 });
    expect(saved.status).toBe(200);
    expect(saved.body.retentionDays).toBe(30);

    clock.advance(29 * DAY);
    await server.app.services.retention.run();
    expect((await api.get(`/api/sessions/${session.id}`)).status).toBe(200);

    clock.advance(2 * DAY); // 31 days after it ended: the hourly timer purges it
    await server.app.services.retention.run();
    expect((await api.get(`/api/sessions/${session.id}`)).status).toBe(404);
    const purge = (await audit()).find((e) => e.action === 'retention.purge');
    expect(purge).toMatchObject({ actor: 'system', details: { retentionDays: 30, sessionIds: [session.id], count: 1 } });
    // The session that timed out while the clock moved ended only now: it is kept.
    expect((await api.get(`/api/sessions/${live.id}`)).status).toBe(200);

    // At start: a session that expired while the server was down goes at once.
    const second = await endedSession({ candidateName: 'While Down' });
    await Promise.all(open.splice(0).map((c) => c.close()));
    await server.stop();
    clock.advance(31 * DAY);
    server = await server.restart();
    api = apiClient(server);
    await server.app.services.retention.run();
    expect((await api.get(`/api/sessions/${second.session.id}`)).status).toBe(404);
  });

  it('erases one candidate on request, by email or by name, and says what it erased', async () => {
    await start();
    const a = await schedule({ candidateName: 'Ada Lovelace', candidateEmail: 'ada@example.com' });
    const b = await schedule({ candidateName: 'Ada L.', candidateEmail: 'ADA@example.com' });
    const other = await schedule({ candidateName: 'Grace Hopper', candidateEmail: 'grace@example.com' });
    const socket = await join(a.id, a.invites.candidate.token);

    const response = await api.post('/api/privacy/erase', { candidateEmail: 'Ada@Example.com' });
    expect(response.status).toBe(200);
    expect(response.body.erased.map((s: { id: string }) => s.id).sort()).toEqual([a.id, b.id].sort());
    expect(response.body.erased[0]).toMatchObject({
      candidateEmail: expect.stringMatching(/ada@example.com/i),
      invites: 3,
      events: expect.any(Number),
    });
    expect((await socket.closed).code).toBe(4004);
    expect((await api.get(`/api/sessions/${other.id}`)).status).toBe(200);

    const byName = await api.post('/api/privacy/erase', { candidateName: '  grace hopper ' });
    expect(byName.body.erased.map((s: { id: string }) => s.id)).toEqual([other.id]);
    expect((await api.post('/api/privacy/erase', { candidateName: 'Nobody' })).body.erased).toEqual([]);

    const entries = (await audit()).filter((e) => e.action === 'privacy.erase');
    expect(entries.map((e) => e.details)).toContainEqual(expect.objectContaining({ by: 'candidateEmail', count: 2 }));
    expect(JSON.stringify(await audit())).not.toMatch(/ada@example\.com/i);

    expect(errorOf(await api.post('/api/privacy/erase', {})).message).toMatch(/candidateEmail or candidateName is required/);
    expect((await api.post('/api/privacy/erase', { candidateEmail: 'a@b.c', candidateName: 'A' })).status).toBe(400);
    expect(errorOf(await api.post('/api/privacy/erase', { email: 'a@b.c' })).message).toContain('body/email is not a known field');
    expect((await api.post('/api/privacy/erase', { candidateName: 'x' }, 'none')).status).toBe(401);
    expect((await api.post('/api/privacy/erase', { candidateName: 'x' }, { token: other.invites.candidate.token })).status).toBe(401);
  });

  it('exports everything held about a candidate: sessions, their events and invite metadata, without token hashes', async () => {
    await start();
    const { session } = await endedSession(
      { candidateName: 'Eve Export', candidateEmail: 'eve@example.com' },
      { draft: 'eve-draft-text', note: 'eve-staff-note' },
    );
    await schedule({ candidateName: 'Someone Else', candidateEmail: 'else@example.com' });

    const response = await api.get('/api/privacy/export?candidateEmail=EVE@example.com');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename=/);
    const file = response.body;
    expect(file).toMatchObject({ format: 'atelier-candidate-export', formatVersion: 1, includesStaffEvents: false });
    expect(file.sessions).toHaveLength(1);
    const [held] = file.sessions;
    expect(held).toMatchObject({
      id: session.id,
      candidateName: 'Eve Export',
      candidateEmail: 'eve@example.com',
      status: 'ended',
      exercise: { id: 'refine-the-chatbot-en', version: 1 },
    });
    const types = held.events.map((e: { type: string }) => e.type);
    expect(types).toEqual(expect.arrayContaining(['session.created', 'session.started', 'prompt.draft', 'session.ended']));
    expect(JSON.stringify(held.events)).toContain('eve-draft-text');
    expect(types).not.toContain('note.added');
    expect(held.invites).toHaveLength(3);
    expect(Object.keys(held.invites[0]).sort()).toEqual(['createdAt', 'expiresAt', 'id', 'name', 'revokedAt', 'role']);
    const json = JSON.stringify(file);
    expect(json).not.toMatch(/tokenHash|token_hash/);
    for (const { token } of Object.values(session.invites)) {
      expect(json).not.toContain(token);
      expect(json).not.toContain(createHash('sha256').update(token).digest('hex'));
    }

    const withStaff = await api.get('/api/privacy/export?candidateName=eve%20export&includeStaffEvents=true');
    expect(JSON.stringify(withStaff.body.sessions[0].events)).toContain('eve-staff-note');
    expect((await api.get('/api/privacy/export?candidateEmail=nobody@example.com')).body.sessions).toEqual([]);
    expect((await api.get('/api/privacy/export')).status).toBe(400);
    expect((await api.get('/api/privacy/export?candidateEmail=eve@example.com', 'none')).status).toBe(401);
    expect((await audit()).some((e) => e.action === 'privacy.export')).toBe(true);
  });

  it('keeps settings: consent text per language with defaults, round-tripped to the candidate; validated and audited', async () => {
    await start();
    const defaults = await api.get('/api/settings');
    expect(defaults.status).toBe(200);
    expect(defaults.body.retentionDays).toBeNull();
    for (const word of ['prompts', 'paste', 'focus', 'interviewers', 'reviewers']) expect(defaults.body.consentText.en).toContain(word);
    expect(defaults.body.consentText.fr).toMatch(/enregistr/);

    const session = await schedule();
    const consent = await api.get(`/api/sessions/${session.id}/consent`, { token: session.invites.candidate.token });
    expect(consent.body).toEqual({ language: 'en', text: defaults.body.consentText.en });

    const frText = "## Consentement\n\nNous enregistrons vos prompts et réponses. Texte de l'organisation.";
    const saved = await api.put('/api/settings', { consentText: { fr: frText } });
    expect(saved.status).toBe(200);
    expect(saved.body.consentText).toEqual({ en: defaults.body.consentText.en, fr: frText });
    expect((await api.get('/api/settings')).body.consentText.fr).toBe(frText);
    const exchange = await api.post('/api/auth/invite', { token: session.invites.candidate.token }, 'none');
    const cookie = exchange.headers.get('set-cookie')!.split(';')[0]!;
    expect((await api.get(`/api/sessions/${session.id}/consent?lang=fr`, { cookie })).body).toEqual({ language: 'fr', text: frText });
    const frSession = await schedule({ exercise: 'refine-the-chatbot-fr' });
    expect((await api.get(`/api/sessions/${frSession.id}/consent`, { token: frSession.invites.candidate.token })).body.text).toBe(frText);

    expect((await api.get(`/api/sessions/${session.id}/consent`, 'none')).status).toBe(401);
    expect((await api.get(`/api/sessions/nope/consent`)).status).toBe(404);
    expect((await api.get(`/api/sessions/${session.id}/consent?lang=de`)).status).toBe(400);

    for (const [body, field] of [
      [{ retentionDays: 0 }, 'body/retentionDays'],
      [{ retentionDays: 'forever' }, 'body/retentionDays'],
      [{ consentText: { en: '' } }, 'body/consentText/en'],
      [{ consentText: { de: 'Hallo' } }, 'body/consentText/de is not a known field'],
      [{ retention: 3 }, 'body/retention is not a known field'],
    ] as const) {
      const response = await api.put('/api/settings', body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(errorOf(response).message).toContain(field);
    }
    expect((await api.put('/api/settings', { retentionDays: 10 }, 'none')).status).toBe(401);
    expect((await api.put('/api/settings', { retentionDays: 10 }, { token: session.invites.interviewer.token })).status).toBe(403);
    expect((await api.get('/api/settings', { token: session.invites.interviewer.token })).status).toBe(403);
    expect((await api.put('/api/settings', { retentionDays: null })).body.retentionDays).toBeNull();
    const changes = (await audit()).filter((e) => e.action === 'settings.update').map((e) => e.details.changed);
    expect(changes).toEqual([['consentText.fr']]); // setting null again changed nothing, so nothing was audited
  });

  it('pages the audit log newest first and refuses non-admins', async () => {
    await start();
    const session = await schedule();
    await schedule();
    await api.post(`/api/sessions/${session.id}/invites`, { role: 'reviewer', name: 'Late reviewer' });
    const first = await api.get('/api/audit?limit=2');
    expect(first.status).toBe(200);
    expect(first.body.entries.map((e: { action: string }) => e.action)).toEqual(['invite.create', 'session.create']);
    expect(first.body.entries[0]).toMatchObject({
      actor: 'admin',
      target: { type: 'invite' },
      details: { sessionId: session.id, role: 'reviewer' },
    });
    const second = await api.get(`/api/audit?limit=2&before=${first.body.nextBefore}`);
    expect(second.body.entries.map((e: { action: string }) => e.action)).toEqual(['session.create']);
    expect(second.body.nextBefore).toBeNull();
    expect(second.body.entries[0].id).toBeLessThan(first.body.entries[1].id);
    expect(JSON.stringify(first.body)).not.toContain('Late reviewer');

    expect((await api.get('/api/audit?limit=0')).status).toBe(400);
    expect(errorOf(await api.get('/api/audit?limit=many')).message).toContain('querystring/limit');
    expect((await api.get('/api/audit', 'none')).status).toBe(401);
    expect((await api.get('/api/audit', { token: session.invites.candidate.token })).status).toBe(403);
  });
});
