import { afterEach, describe, expect, it } from 'vitest';
import { apiClient, errorOf } from '../api-client';
import { GreenhouseStandIn } from '../../helpers/greenhouse-stand-in';
import { connectLive, type LiveClient } from '../../helpers/live-client';
import { ManualClock } from '../../helpers/manual-clock';
import { startTestServer, type TestServer } from '../../helpers/server';
import { storedRows } from '../../helpers/stored-rows';
import { until } from '../../helpers/until';

// Atelier as a Greenhouse assessment partner, driven by a stand-in written from Greenhouse's
// published contract (tests/helpers/greenhouse-stand-in.ts), which checks every answer the way
// Greenhouse does and reports malformed ones to response_error.

const PATCH_CREDENTIALS = { username: 'greenhouse-partner-user', password: 'gh-patch-secret' };
let server: TestServer;
let clock: ManualClock;
let greenhouse: GreenhouseStandIn | undefined;
const sockets: LiveClient[] = [];

afterEach(async () => {
  await Promise.all(sockets.splice(0).map((s) => s.close()));
  await server?.close();
  await greenhouse?.close();
});

async function setUp(settings: Record<string, unknown> = {}) {
  clock = new ManualClock(Date.UTC(2026, 11, 2, 9, 0, 0));
  server = await startTestServer({
    clock,
    config: { greenhouseHosts: ['127.0.0.1'], outbound: { timeoutMs: 5_000, concurrency: 2, allowPrivate: true } },
  });
  const api = apiClient(server);
  const issued = await api.post('/api/integrations/greenhouse/keys', { name: 'Greenhouse (Acme)' });
  expect(issued.status).toBe(201);
  const apiKey = issued.body.apiKey as string;
  expect(apiKey.length).toBeLessThan(171);
  const settled = await api.put('/api/integrations/greenhouse/settings', {
    patchUsername: PATCH_CREDENTIALS.username,
    patchPassword: PATCH_CREDENTIALS.password,
    ...settings,
  });
  expect(settled.status).toBe(200);
  greenhouse = await GreenhouseStandIn.start({ base: `${server.url}/api/integrations/greenhouse`, apiKey }, PATCH_CREDENTIALS);
  return { api, apiKey, keyId: issued.body.key.id as string };
}

async function join(sessionId: string, token: string): Promise<LiveClient> {
  const client = await connectLive(server.wsUrl, sessionId, { token });
  sockets.push(client);
  await client.hello(0);
  return client;
}

async function invite(api: ReturnType<typeof apiClient>, sessionId: string, role: string): Promise<string> {
  const issued = await api.post(`/api/sessions/${sessionId}/invites`, { role, name: role === 'reviewer' ? 'Rita' : undefined });
  expect(issued.status).toBe(201);
  return issued.body.token as string;
}

/** The candidate does the test and a reviewer reviews it, as in Atelier. */
async function takeAndReview(api: ReturnType<typeof apiClient>, sessionId: string, level = 4) {
  const candidate = await join(sessionId, await invite(api, sessionId, 'candidate'));
  await candidate.command('session.start');
  await candidate.command('session.submit');
  // send_test scheduled the session with a reviewer link of its own; Rita takes its place (a
  // session is reviewed once every assigned reviewer has submitted).
  const scheduled = (await api.get(`/api/sessions/${sessionId}`)).body.invites as { id: string; role: string; revokedAt: number | null }[];
  for (const link of scheduled.filter((i) => i.role === 'reviewer' && i.revokedAt === null)) {
    expect((await api.post(`/api/invites/${link.id}/revoke`, {})).status).toBeLessThan(300);
  }
  const reviewer = await join(sessionId, await invite(api, sessionId, 'reviewer'));
  await reviewer.command('score.set', { criterionId: 'precise-prompts', level, comment: 'STAFF comment', evidence: [] });
  expect(await reviewer.command('review.submit')).toMatchObject({ type: 'ack' });
}

describe('the Greenhouse partner API', () => {
  it('lists tests, schedules a session on send_test, follows it in test_status and PATCHes Greenhouse once reviewed', async () => {
    const { api } = await setUp({ sendScore: true });
    const tests = await greenhouse!.listTests();
    const exercises = (await api.get('/api/exercises')).body.exercises as { id: string; title: string; archived: boolean }[];
    expect(tests.map((t) => t.partner_test_id).sort()).toEqual(
      exercises
        .filter((e) => !e.archived)
        .map((e) => e.id)
        .sort(),
    );
    expect(tests.some((t) => t.partner_test_name.endsWith('(FR)'))).toBe(true);
    const test = tests.find((t) => t.partner_test_name.endsWith('(EN)'))!;

    const interviewId = await greenhouse!.sendTest(test.partner_test_id, 12345, {
      favourite_spell: 'UNKNOWN-FIELD-VALUE',
      house: { name: 'Gryffindor' },
    });
    const [interview] = (await api.get('/api/integrations/greenhouse/interviews')).body.interviews;
    expect(interview).toMatchObject({ partnerInterviewId: interviewId, partnerTestId: test.partner_test_id, completion: null });
    const session = (await api.get(`/api/sessions/${interview.sessionId}`)).body;
    expect(session).toMatchObject({
      candidateName: 'The Chosen One',
      candidateEmail: 'hpotter@hogwarts.edu',
      exerciseId: test.partner_test_id,
      status: 'scheduled',
    });
    // Unknown candidate fields are accepted, and kept nowhere.
    for (const table of ['sessions', 'events', 'greenhouse_interviews', 'audit_log']) {
      const rows = JSON.stringify(storedRows(server, table));
      expect(rows).not.toContain('UNKNOWN-FIELD-VALUE');
      expect(rows).not.toContain('Gryffindor');
    }

    expect(await greenhouse!.testStatus(interviewId)).toMatchObject({ partner_status: 'scheduled', partner_profile_url: null });
    await takeAndReview(api, interview.sessionId, 4);
    await until(() => greenhouse!.statusesAfterPatch.length === 1, 'the completion PATCH and the status asked after it');
    expect(greenhouse!.patches).toEqual([
      {
        path: '/integrations/testing_partners/take_home_tests/12345',
        authorization: `Basic ${Buffer.from('greenhouse-partner-user:gh-patch-secret').toString('base64')}`,
      },
    ]);
    const complete = greenhouse!.statusesAfterPatch[0]!;
    expect(complete).toMatchObject({ partner_status: 'complete', partner_score: 4 });
    expect(complete.metadata).toMatchObject({ 'Started At': expect.any(String), 'Completed At': expect.any(String) });
    expect(greenhouse!.problems).toEqual([]);

    // The profile URL opens the report with no account; tampering, revoking or erasing closes it.
    const report = await fetch(complete.partner_profile_url!);
    expect(report.status).toBe(200);
    expect(report.headers.get('content-type')).toContain('text/html');
    expect(await report.text()).toContain('The Chosen One');
    const token = complete.partner_profile_url!.split('/').pop()!;
    const [linkId, expires, signature] = token.split('.');
    for (const forged of [
      `${linkId}.${Number(expires) + 86_400_000}.${signature}`,
      `${linkId}.${expires}.${signature!.slice(0, -2)}AA`,
      `${linkId}..${signature}`,
      'x',
    ]) {
      expect((await fetch(`${server.url}/api/report-links/${forged}`)).status, forged).toBe(404);
    }
    // Expiry: 30 days by default.
    clock.advance(31 * 86_400_000);
    expect((await fetch(complete.partner_profile_url!)).status).toBe(404);
    const fresh = await greenhouse!.testStatus(interviewId);
    expect(fresh.partner_profile_url).not.toBe(complete.partner_profile_url);
    expect((await fetch(fresh.partner_profile_url!)).status).toBe(200);
    const links = (await api.get(`/api/sessions/${interview.sessionId}/report-links`)).body.links as {
      id: string;
      revokedAt: number | null;
    }[];
    for (const link of links) await api.delete(`/api/report-links/${link.id}`);
    expect((await fetch(fresh.partner_profile_url!)).status).toBe(404);

    const [completed] = (await api.get('/api/integrations/greenhouse/interviews')).body.interviews;
    expect(completed.completion).toMatchObject({ status: 'delivered', attempts: 1 });
    expect((await api.delete(`/api/sessions/${interview.sessionId}`)).status).toBe(200);
    expect((await greenhouse!.call('GET', `test_status?partner_interview_id=${interviewId}`)).status).toBe(404);
  });

  it('sends no score unless the admin enabled it', async () => {
    const { api } = await setUp();
    const [test] = await greenhouse!.listTests();
    const interviewId = await greenhouse!.sendTest(test!.partner_test_id, 7);
    const [interview] = (await api.get('/api/integrations/greenhouse/interviews')).body.interviews;
    await takeAndReview(api, interview.sessionId, 5);
    await until(() => greenhouse!.statusesAfterPatch.length === 1, 'the PATCH');
    const status = await greenhouse!.testStatus(interviewId);
    expect(status.partner_status).toBe('complete');
    expect(status).not.toHaveProperty('partner_score');
  });

  it('retries the completion PATCH with backoff while Greenhouse fails', async () => {
    const { api } = await setUp();
    greenhouse!.patchStatus = 503;
    const [test] = await greenhouse!.listTests();
    await greenhouse!.sendTest(test!.partner_test_id, 99);
    const [interview] = (await api.get('/api/integrations/greenhouse/interviews')).body.interviews;
    await takeAndReview(api, interview.sessionId);
    await until(() => greenhouse!.patches.length === 1, 'the first PATCH');
    await server.app.services.dispatcher.idle();
    clock.advance(20_000);
    await server.app.services.dispatcher.idle();
    expect(greenhouse!.patches.length).toBe(1);
    greenhouse!.patchStatus = 204;
    clock.advance(15_000);
    await until(() => greenhouse!.patches.length === 2, 'the retried PATCH');
    await server.app.services.dispatcher.idle();
    const [after] = (await api.get('/api/integrations/greenhouse/interviews')).body.interviews;
    expect(after.completion).toMatchObject({ status: 'delivered', attempts: 2 });
  });

  it('records the errors Greenhouse reports, without the candidate email', async () => {
    const { api } = await setUp();
    const reported = await greenhouse!.call('POST', 'response_error', {
      api_call: 'test_status',
      errors: ["partner_status is 'complete' but partner_profile url is missing"],
      partner_test_id: '12345',
      partner_test_name: 'Personality Test',
      partner_interview_id: '299506',
      candidate_email: 'hpotter@hogwarts.edu',
    });
    expect(reported.status).toBe(200);
    expect(await reported.json()).toEqual({ status: 200 });
    const listed = (await api.get('/api/integrations/greenhouse/errors')).body.errors;
    expect(listed).toEqual([
      expect.objectContaining({
        apiCall: 'test_status',
        errors: ["partner_status is 'complete' but partner_profile url is missing"],
        partnerInterviewId: '299506',
      }),
    ]);
    expect(JSON.stringify(storedRows(server, 'greenhouse_errors'))).not.toContain('hogwarts');
  });
});

describe('Greenhouse bad input', () => {
  it('answers 401 with no detail to a wrong, revoked or malformed key', async () => {
    const { api, apiKey, keyId } = await setUp();
    const attempts: Record<string, string | undefined> = {
      none: undefined,
      wrong: `Basic ${Buffer.from('gh_wrong:').toString('base64')}`,
      'with a password': `Basic ${Buffer.from(`${apiKey}:secret`).toString('base64')}`,
      'no colon': `Basic ${Buffer.from(apiKey).toString('base64')}`,
      bearer: `Bearer ${apiKey}`,
      admin: `Bearer ${server.adminToken}`,
      garbage: 'Basic !!!',
    };
    const bodies = new Set<string>();
    for (const [what, authorization] of Object.entries(attempts)) {
      const response = await fetch(`${server.url}/api/integrations/greenhouse/list_tests`, {
        headers: authorization ? { authorization } : {},
      });
      expect(response.status, what).toBe(401);
      expect(response.headers.get('www-authenticate')).toContain('Basic');
      bodies.add(await response.text());
    }
    expect(bodies.size).toBe(1);
    expect((await greenhouse!.call('GET', 'list_tests')).status).toBe(200);
    expect((await api.delete(`/api/integrations/greenhouse/keys/${keyId}`)).status).toBe(200);
    const revoked = await greenhouse!.call('GET', 'list_tests');
    expect(revoked.status).toBe(401);
    expect(bodies.has(await revoked.text())).toBe(true);
    const keys = (await api.get('/api/integrations/greenhouse/keys')).body;
    expect(keys.keys[0]).toMatchObject({ id: keyId, revokedAt: expect.any(Number) });
    expect(JSON.stringify(keys)).not.toContain(apiKey);
    expect(JSON.stringify(storedRows(server, 'greenhouse_keys'))).not.toContain(apiKey);
    // Only the admin manages keys.
    expect(
      (await fetch(`${server.url}/api/integrations/greenhouse/keys`, { headers: { authorization: greenhouse!.authorization(apiKey) } }))
        .status,
    ).toBe(401);
  });

  it('answers 404 to an unknown test or interview, 400 to a malformed request, and records nothing', async () => {
    const { api } = await setUp();
    const [test] = await greenhouse!.listTests();
    const url = greenhouse!.takeHomeTestUrl(1);
    const candidate = { first_name: 'H', last_name: 'P', email: 'hp@example.org' };
    const send = (body: unknown) => greenhouse!.call('POST', 'send_test', body);
    expect((await send({ partner_test_id: 'no-such-test', candidate, url })).status).toBe(404);
    expect((await greenhouse!.call('GET', 'test_status?partner_interview_id=nope')).status).toBe(404);
    expect((await greenhouse!.call('GET', 'test_status')).status).toBe(400);
    const malformed = [
      { partner_test_id: test!.partner_test_id, candidate, url, extra_top_level: 1 },
      { partner_test_id: test!.partner_test_id, candidate: { first_name: 'H', last_name: 'P' }, url },
      { partner_test_id: test!.partner_test_id, candidate: { ...candidate, first_name: 42 }, url },
      { partner_test_id: test!.partner_test_id, candidate: { ...candidate, email: 'x'.repeat(400) }, url },
      { partner_test_id: test!.partner_test_id, candidate, url: 'ftp://greenhouse.example/x' },
      { partner_test_id: test!.partner_test_id, candidate, url: `${server.url}/api/sessions` },
      // A leaked key cannot aim the completion PATCH, and the admin's credentials, elsewhere.
      { partner_test_id: test!.partner_test_id, candidate, url: 'https://app.greenhouse.io.evil.example/take_home_tests/1' },
      {
        partner_test_id: test!.partner_test_id,
        candidate,
        url: `http://localhost:${new URL(url).port}/integrations/testing_partners/take_home_tests/1`,
      },
      { partner_test_id: test!.partner_test_id, candidate: Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`f${i}`, i])), url },
    ];
    for (const body of malformed) {
      const response = await send(body);
      expect(response.status, JSON.stringify(body).slice(0, 120)).toBe(400);
      expect(errorOf({ status: response.status, body: await response.json(), headers: response.headers }).code).toBe('invalid_payload');
    }
    expect((await api.get('/api/sessions')).body.sessions).toEqual([]);
    expect((await api.get('/api/integrations/greenhouse/interviews')).body.interviews).toEqual([]);
  });
});
