import { afterEach, describe, expect, it } from 'vitest';
import { connectLive, handshakeStatus, type LiveClient } from '../../helpers/live-client';
import { ManualClock } from '../../helpers/manual-clock';
import { startTestServer, type TestServer } from '../../helpers/server';
import { SmtpSink } from '../../helpers/smtp-sink';
import { apiClient, errorOf } from '../api-client';

// Re-sending an invite from the session page: a new link for the same person and role,
// without re-scheduling. The old link stops working at once; the new one opens the session as
// the same participant, so what the person did stays theirs.

let server: TestServer | undefined;
let smtp: SmtpSink | undefined;
const open: LiveClient[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
  await server?.close();
  await smtp?.close();
  server = smtp = undefined;
});

async function join(sessionId: string, token: string): Promise<LiveClient> {
  const client = await connectLive(server!.wsUrl, sessionId, { token });
  open.push(client);
  await client.hello();
  return client;
}

interface Participant {
  inviteId: string;
  role: string;
  name: string | null;
  token: string;
  url: string;
}

describe('re-sending an invite', () => {
  it('revokes the old link at once and issues a new one for the same person, role and participant, audited', async () => {
    const clock = new ManualClock();
    server = await startTestServer({ clock });
    const api = apiClient(server);
    const scheduled = await api.post('/api/sessions', {
      candidateName: 'Ada Lovelace',
      interviewers: [{ name: 'Iris' }],
      reviewers: [{ name: 'Rita' }],
    });
    expect(scheduled.status).toBe(201);
    const sessionId = scheduled.body.id as string;
    const [candidateInvite, iris, rita] = scheduled.body.participants as Participant[];

    // Rita scores a draft with her first link, from a browser holding its cookie.
    const cookie = (await api.post('/api/auth/invite', { token: rita!.token }, 'none')).headers.get('set-cookie')!.split(';')[0]!;
    const oldSocket = await join(sessionId, rita!.token);
    const candidate = await join(sessionId, candidateInvite!.token);
    expect(
      await oldSocket.command('score.set', { criterionId: 'precise-prompts', level: 4, comment: 'draft', evidence: [] }),
    ).toMatchObject({
      type: 'ack',
    });

    clock.advance(60_000);
    const resent = await api.post(`/api/invites/${rita!.inviteId}/resend`);
    expect(resent.status).toBe(200);
    const { replaced, issued, email } = resent.body;
    expect(replaced).toMatchObject({ id: rita!.inviteId, status: 'revoked', revokedAt: clock.now(), replacedBy: issued.inviteId });
    expect(issued).toMatchObject({ role: 'reviewer', name: 'Rita', url: `${server.url}/join#${issued.token}` });
    expect(issued.token).not.toBe(rita!.token);
    expect(issued.expiresAt).toBeGreaterThan(clock.now());
    expect(email).toBeNull();

    // The old link: its socket closed at once, its token and its cookie refused everywhere.
    expect(await oldSocket.closed).toEqual({ code: 4001, reason: 'access revoked or expired' });
    expect(candidate.ws.readyState).toBe(candidate.ws.OPEN);
    expect((await api.get(`/api/sessions/${sessionId}/events`, { token: rita!.token })).status).toBe(401);
    expect((await api.get(`/api/sessions/${sessionId}/events`, { cookie })).status).toBe(401);
    expect(await handshakeStatus(server.wsUrl, sessionId, { authorization: `Bearer ${rita!.token}` })).toBe(401);
    const refused = await api.post('/api/auth/invite', { token: rita!.token }, 'none');
    expect(refused.status).toBe(401);

    // The new one: the same person (the participant id her events carry), her draft still hers.
    const exchanged = await api.post('/api/auth/invite', { token: issued.token }, 'none');
    expect(exchanged.body).toMatchObject({ sessionId, role: 'reviewer', participantId: rita!.inviteId });
    const newSocket = await join(sessionId, issued.token);
    expect(newSocket.welcome).toMatchObject({ role: 'reviewer', participantId: rita!.inviteId });
    expect(newSocket.state().scorers[rita!.inviteId]?.scores['precise-prompts']).toMatchObject({ level: 4, comment: 'draft' });

    // The session page lists both links, once each, the old one marked as replaced; nothing else changed.
    const detail = await api.get(`/api/sessions/${sessionId}`);
    expect(detail.body.invites).toHaveLength(4);
    expect(detail.body.invites).toContainEqual(
      expect.objectContaining({ id: rita!.inviteId, status: 'revoked', replacedBy: issued.inviteId, name: 'Rita' }),
    );
    expect(detail.body.invites).toContainEqual(expect.objectContaining({ id: issued.inviteId, status: 'active', replacedBy: null }));
    expect(detail.body.invites).toContainEqual(expect.objectContaining({ id: iris!.inviteId, status: 'active' }));
    expect(detail.body.reviewers).toEqual(['Rita']);
    expect(JSON.stringify(detail.body)).not.toContain(issued.token);

    const audit = (await api.get('/api/audit')).body.entries as { action: string; target: { id: string } | null; details: unknown }[];
    expect(audit.filter((e) => e.action === 'invite.resend')).toEqual([
      expect.objectContaining({
        target: { type: 'invite', id: rita!.inviteId },
        details: expect.objectContaining({ sessionId, role: 'reviewer', newInviteId: issued.inviteId }),
      }),
    ]);

    // A replaced link is not re-sent twice (its newer link is the one to re-send); unknown ids are 404.
    const again = await api.post(`/api/invites/${rita!.inviteId}/resend`);
    expect(again.status).toBe(409);
    expect(errorOf(again).code).toBe('conflict');
    expect((await api.post('/api/invites/nope/resend')).status).toBe(404);
    // Admin only.
    expect((await api.post(`/api/invites/${iris!.inviteId}/resend`, {}, { token: iris!.token })).status).toBe(403);
    expect((await api.post(`/api/invites/${iris!.inviteId}/resend`, {}, 'none')).status).toBe(401);

    // Her review with the new link is the one the session waits for.
    const interviewer = await join(sessionId, iris!.token);
    await candidate.command('session.start');
    await interviewer.command('session.end');
    expect(await newSocket.command('review.submit')).toMatchObject({ type: 'ack' });
    await newSocket.waitFor((c) => c.state().scorers[rita!.inviteId]?.submittedAt != null);
    const reviewed = await api.get(`/api/sessions/${sessionId}`);
    expect(reviewed.body).toMatchObject({ status: 'ended', reviewed: true });
  });

  it("emails the candidate's new link when email is configured, and the old link stops working", async () => {
    smtp = await SmtpSink.start();
    server = await startTestServer({ config: { smtpUrl: smtp.url(), outbound: { timeoutMs: 5_000, concurrency: 2, allowPrivate: true } } });
    const api = apiClient(server);
    const scheduled = await api.post('/api/sessions', { candidateName: 'Ada Lovelace', candidateEmail: 'ada@example.org' });
    const old = scheduled.body.invites.candidate as { token: string };
    const inviteId = (scheduled.body.participants as Participant[])[0]!.inviteId;
    const resent = await api.post(`/api/invites/${inviteId}/resend`);
    expect(resent.status).toBe(200);
    expect(resent.body.email).toEqual({ sent: true, to: 'ada@example.org' });
    expect(smtp.mails).toHaveLength(1);
    const text = smtp.mails[0]!.raw.replace(/=\r?\n/g, '');
    expect(text).toContain(resent.body.issued.token);
    expect(text).not.toContain(old.token);
    expect(smtp.mails[0]!.to).toEqual(['ada@example.org']);
    expect((await api.post('/api/auth/invite', { token: old.token }, 'none')).status).toBe(401);
    expect((await api.post('/api/auth/invite', { token: resent.body.issued.token }, 'none')).body).toMatchObject({
      role: 'candidate',
      participantId: inviteId,
    });

    // A refusing SMTP server: the new link stands and is answered, with the reason.
    smtp.refuse = true;
    const second = await api.post(`/api/invites/${resent.body.issued.inviteId}/resend`);
    expect(second.status).toBe(200);
    expect(second.body.email).toMatchObject({ sent: false, to: 'ada@example.org' });
    expect((await api.post('/api/auth/invite', { token: second.body.issued.token }, 'none')).body).toMatchObject({
      participantId: inviteId,
    });
  });
});
