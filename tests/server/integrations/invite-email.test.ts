import { afterEach, describe, expect, it } from 'vitest';
import { apiClient, errorOf } from '../api-client';
import { GreenhouseStandIn } from '../../helpers/greenhouse-stand-in';
import { startTestServer, type TestServer } from '../../helpers/server';
import { SmtpSink } from '../../helpers/smtp-sink';
import { until } from '../../helpers/until';

// Invite links by email, against a local SMTP server: from the scheduling API (the admin
// form's checkbox) and from Greenhouse's send_test when the admin turned it on.

let server: TestServer | undefined;
let smtp: SmtpSink | undefined;
let greenhouse: GreenhouseStandIn | undefined;

afterEach(async () => {
  await server?.close();
  await smtp?.close();
  await greenhouse?.close();
  server = smtp = greenhouse = undefined;
});

/** The decoded text of a mail (quoted-printable soft breaks undone). */
function textOf(raw: string): string {
  return raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

describe('invite emails', () => {
  it('emails the candidate their link when asked, and says whether it went', async () => {
    smtp = await SmtpSink.start();
    server = await startTestServer({
      config: {
        smtpUrl: smtp.url(),
        mailFrom: 'Atelier <hiring@acme.example>',
        outbound: { timeoutMs: 5_000, concurrency: 2, allowPrivate: true },
      },
    });
    const api = apiClient(server);
    const created = await api.post('/api/sessions', {
      candidateName: 'Ada Lovelace',
      candidateEmail: 'ada@example.org',
      emailInvite: true,
    });
    expect(created.status).toBe(201);
    expect(created.body.inviteEmail).toEqual({ sent: true });
    expect(smtp.mails).toHaveLength(1);
    const [mail] = smtp.mails;
    expect(mail!.to).toEqual(['ada@example.org']);
    expect(mail!.from).toBe('hiring@acme.example');
    const text = textOf(mail!.raw);
    expect(text).toContain(created.body.invites.candidate.url);
    expect(text).toContain('Hello Ada Lovelace');
    // Only the candidate's link: no staff link goes to the candidate.
    expect(text).not.toContain(created.body.invites.interviewer.token);

    // Without the flag nothing is sent; a refusing SMTP server leaves the session scheduled and says why.
    expect((await api.post('/api/sessions', { candidateEmail: 'quiet@example.org' })).status).toBe(201);
    smtp.refuse = true;
    const refused = await api.post('/api/sessions', { candidateEmail: 'nobody@example.org', emailInvite: true });
    expect(refused.status).toBe(201);
    expect(refused.body.inviteEmail.sent).toBe(false);
    expect(refused.body.inviteEmail.error).toMatch(/550|unavailable/i);
    expect(smtp.mails).toHaveLength(1);
    expect((await api.get(`/api/sessions/${refused.body.id}`)).status).toBe(200);
    expect((await api.post('/api/sessions', { emailInvite: true })).status).toBe(400);
  });

  it('refuses emailInvite when no SMTP server is configured, and schedules nothing', async () => {
    server = await startTestServer();
    const api = apiClient(server);
    const refused = await api.post('/api/sessions', { candidateEmail: 'ada@example.org', emailInvite: true });
    expect(refused.status).toBe(409);
    expect(errorOf(refused).message).toContain('ATELIER_SMTP_URL');
    expect((await api.get('/api/sessions')).body.sessions).toEqual([]);
  });

  it("emails the invite on Greenhouse's send_test once the admin enabled it, in the exercise's language", async () => {
    smtp = await SmtpSink.start();
    server = await startTestServer({
      config: { smtpUrl: smtp.url(), greenhouseHosts: ['127.0.0.1'], outbound: { timeoutMs: 5_000, concurrency: 2, allowPrivate: true } },
    });
    const api = apiClient(server);
    const apiKey = (await api.post('/api/integrations/greenhouse/keys', { name: 'GH' })).body.apiKey as string;
    greenhouse = await GreenhouseStandIn.start(
      { base: `${server.url}/api/integrations/greenhouse`, apiKey },
      { username: 'u', password: 'p' },
    );
    const tests = await greenhouse.listTests();
    const french = tests.find((t) => t.partner_test_name.endsWith('(FR)'))!;
    await greenhouse.sendTest(french.partner_test_id, 1);
    expect(smtp.mails).toHaveLength(0);
    expect((await api.put('/api/integrations/greenhouse/settings', { emailInvites: true })).status).toBe(200);
    await greenhouse.sendTest(french.partner_test_id, 2, {
      first_name: 'Hermione',
      last_name: 'Granger',
      preferred_name: null,
      email: 'hgranger@hogwarts.edu',
    });
    await until(() => smtp!.mails.length === 1, 'the invite email');
    expect(smtp.mails[0]!.to).toEqual(['hgranger@hogwarts.edu']);
    const text = textOf(smtp.mails[0]!.raw);
    expect(text).toContain('Bonjour Hermione Granger');
    expect(text).toMatch(/\/join#[A-Za-z0-9_-]{40,}/);
  });
});
