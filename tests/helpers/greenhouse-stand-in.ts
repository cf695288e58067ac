import { createServer, type Server } from 'node:http';

// Greenhouse, as its Assessment Partner API contract describes it, for tests. Written from
// grnhse/greenhouse-api-docs (commit 0c37c31af6bbdd82fd6944d483b0440b6efb1803):
//   source/includes/assessment/_introduction.md   HTTP Basic, API key as the username + ":"
//   source/includes/assessment/_list_tests.md     GET  → [{ partner_test_id, partner_test_name }]
//   source/includes/assessment/_send_test.md      POST { partner_test_id, candidate, sent_by, url } → { partner_interview_id }
//   source/includes/assessment/_test_status.md    GET ?partner_interview_id → { partner_status, partner_profile_url, partner_score?, metadata? }
//   source/includes/assessment/_response_error.md POST { api_call, errors, … } → 200
//   source/includes/assessment/_patch_completed_test.md  the partner PATCHes `url`; Greenhouse then asks test_status
//   source/includes/assessment/_errors.md          401 bad key, 404 unknown resource
// Like Greenhouse, it checks every answer against the contract and reports what is malformed
// to response_error; it serves the `url` it hands out, and answers the PATCH with a status only.

export interface PartnerEndpoints {
  /** Where the partner's endpoints live, e.g. http://127.0.0.1:3000/api/integrations/greenhouse */
  base: string;
  apiKey: string;
}

export interface TestStatusAnswer {
  partner_status: string;
  partner_profile_url?: string | null;
  partner_score?: number;
  metadata?: Record<string, unknown>;
}

export class GreenhouseStandIn {
  /** Every PATCH received on a take-home-test url, with its Authorization header. */
  readonly patches: { path: string; authorization: string | undefined }[] = [];
  /** Malformed answers found (and reported to response_error). */
  readonly problems: { api_call: string; errors: string[] }[] = [];
  /** What test_status answered after each PATCH (Greenhouse asks once notified). */
  readonly statusesAfterPatch: TestStatusAnswer[] = [];
  /** The status the next PATCH is answered with. */
  patchStatus = 200;
  private server: Server;
  private port = 0;
  private readonly interviewsByTest = new Map<string, string>();

  private constructor(
    private readonly partner: PartnerEndpoints,
    private readonly patchCredentials: { username: string; password: string },
  ) {
    this.server = createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        const match = /^\/integrations\/testing_partners\/take_home_tests\/(\d+)$/.exec(request.url ?? '');
        if (request.method !== 'PATCH' || !match) return void response.writeHead(404).end();
        this.patches.push({ path: request.url ?? '', authorization: request.headers.authorization });
        const expected = `Basic ${Buffer.from(`${this.patchCredentials.username}:${this.patchCredentials.password}`).toString('base64')}`;
        if (request.headers.authorization !== expected) return void response.writeHead(401).end();
        const status = this.patchStatus;
        response.writeHead(status).end();
        // "Upon this, Greenhouse will send a request to your Test Status endpoint."
        const interview = this.interviewsByTest.get(match[1]!);
        if (status >= 200 && status < 300 && interview)
          void this.testStatus(interview).then((answer) => this.statusesAfterPatch.push(answer));
      });
    });
  }

  static async start(partner: PartnerEndpoints, patchCredentials: { username: string; password: string }): Promise<GreenhouseStandIn> {
    const standIn = new GreenhouseStandIn(partner, patchCredentials);
    await new Promise<void>((resolve) => standIn.server.listen(0, '127.0.0.1', () => resolve()));
    standIn.port = (standIn.server.address() as { port: number }).port;
    return standIn;
  }

  /** The `url` Greenhouse sends with a test: the partner PATCHes it on completion. */
  takeHomeTestUrl(id: number): string {
    return `http://127.0.0.1:${this.port}/integrations/testing_partners/take_home_tests/${id}`;
  }

  /** "Greenhouse will append a : (colon) to the API token and then Base64 encode the resulting string." */
  authorization(apiKey = this.partner.apiKey): string {
    return `Basic ${Buffer.from(`${apiKey}:`).toString('base64')}`;
  }

  call(method: 'GET' | 'POST', path: string, body?: unknown, apiKey?: string): Promise<Response> {
    return fetch(`${this.partner.base}/${path}`, {
      method,
      headers: { authorization: this.authorization(apiKey), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  }

  async listTests(): Promise<{ partner_test_id: string; partner_test_name: string }[]> {
    const answer = await this.expectOk('list_tests', await this.call('GET', 'list_tests'));
    const errors: string[] = [];
    if (!Array.isArray(answer)) errors.push('list_tests did not answer a list');
    else {
      for (const test of answer as Record<string, unknown>[]) {
        if (typeof test.partner_test_id !== 'string') errors.push('partner_test_id is not a string');
        if (typeof test.partner_test_name !== 'string') errors.push('partner_test_name is not a string');
      }
    }
    await this.report('list_tests', errors);
    return answer as { partner_test_id: string; partner_test_name: string }[];
  }

  /** Sends a test as Greenhouse does (the candidate as in the contract's example, plus what `extra` adds). */
  async sendTest(partnerTestId: string, takeHomeTestId: number, candidate: Record<string, unknown> = {}): Promise<string> {
    const body = {
      partner_test_id: partnerTestId,
      candidate: {
        first_name: 'Harry',
        last_name: 'Potter',
        preferred_name: 'The Chosen One',
        resume_url: 'https://hogwarts.com/resume',
        phone_number: '123-456-7890',
        email: 'hpotter@hogwarts.edu',
        greenhouse_profile_url: 'https://app.greenhouse.io/people/17681532?application_id=26234709',
        ...candidate,
      },
      sent_by: 'test_sender@example.org',
      url: this.takeHomeTestUrl(takeHomeTestId),
    };
    const answer = (await this.expectOk('send_test', await this.call('POST', 'send_test', body))) as Record<string, unknown>;
    const id = answer.partner_interview_id;
    await this.report(
      'send_test',
      typeof id === 'string' && Object.keys(answer).length === 1
        ? []
        : ['send_test must answer a single key, partner_interview_id, a string'],
      { partner_test_id: partnerTestId },
    );
    this.interviewsByTest.set(String(takeHomeTestId), String(id));
    return String(id);
  }

  async testStatus(partnerInterviewId: string): Promise<TestStatusAnswer> {
    const answer = (await this.expectOk(
      'test_status',
      await this.call('GET', `test_status?partner_interview_id=${encodeURIComponent(partnerInterviewId)}`),
    )) as Record<string, unknown>;
    const errors: string[] = [];
    if (typeof answer.partner_status !== 'string') errors.push('partner_status is missing');
    if (answer.partner_status === 'complete' && typeof answer.partner_profile_url !== 'string')
      errors.push("partner_status is 'complete' but partner_profile url is missing");
    if ('partner_score' in answer && typeof answer.partner_score !== 'number') errors.push('partner_score is not a number');
    if ('metadata' in answer) {
      const metadata = answer.metadata;
      if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) errors.push('metadata is not an object');
      else if (Object.values(metadata).some((v) => v !== null && typeof v === 'object')) errors.push('metadata must not be nested');
    }
    await this.report('test_status', errors, { partner_interview_id: partnerInterviewId });
    return answer as unknown as TestStatusAnswer;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private async expectOk(apiCall: string, response: Response): Promise<unknown> {
    const text = await response.text();
    if (response.status < 200 || response.status >= 300) throw new Error(`${apiCall}: ${response.status} ${text}`);
    try {
      return JSON.parse(text);
    } catch {
      await this.report(apiCall, ['the answer is not JSON']);
      throw new Error(`${apiCall}: not JSON`);
    }
  }

  /** What Greenhouse does with a malformed answer: POST it to response_error. */
  private async report(apiCall: string, errors: string[], more: Record<string, string> = {}): Promise<void> {
    if (errors.length === 0) return;
    this.problems.push({ api_call: apiCall, errors });
    await this.call('POST', 'response_error', { api_call: apiCall, errors, ...more });
  }
}
