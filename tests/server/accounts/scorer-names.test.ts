import { afterEach, describe, expect, it } from 'vitest';
import type { CreatedSession } from '../../../shared/api/sessions';
import { connectLive } from '../../helpers/live-client';
import { startTestServer, type TestServer } from '../../helpers/server';
import { apiClient } from '../api-client';
import { createAccount, signIn } from './accounts-helpers';

// The report served by the API names a scorer by their account, as it is named now.

let server: TestServer;
afterEach(async () => server.close());

describe('report scorers', () => {
  it('are named by their account’s current name in report.md and report.html', async () => {
    server = await startTestServer();
    const api = apiClient(server);
    const iris = await createAccount(server, { email: 'iris@example.com', name: 'Iris', roles: ['interviewer'] });
    const created = (await api.post<CreatedSession>('/api/sessions', { candidateName: 'Cam', interviewers: [{ accountId: iris.id }] }))
      .body;
    const live = await connectLive(server.wsUrl, created.id, { cookie: await signIn(server, 'iris@example.com') });
    await live.hello();
    expect(await live.command('score.set', { criterionId: 'precise-prompts', level: 4, comment: 'SCOPED', evidence: [] })).toMatchObject({
      type: 'ack',
    });
    await live.close();
    await api.call('PATCH', `/api/accounts/${iris.id}`, { body: { name: 'Iris Nakamura' } });

    const md = await fetch(`${server.url}/api/sessions/${created.id}/report.md`, {
      headers: { authorization: `Bearer ${server.adminToken}` },
    });
    const text = await md.text();
    expect(text).toContain('| Iris Nakamura _(draft)_ | 4 | SCOPED |');
    const html = await (
      await fetch(`${server.url}/api/sessions/${created.id}/report.html`, { headers: { authorization: `Bearer ${server.adminToken}` } })
    ).text();
    expect(html).toContain('Iris Nakamura');
  });
});
