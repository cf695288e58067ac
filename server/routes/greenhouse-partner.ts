import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  PartnerTestList,
  ResponseErrorAnswer,
  ResponseErrorBody,
  SendTestAnswer,
  SendTestBody,
  TestStatus,
  TestStatusQuery,
} from '../../shared/api/greenhouse';
import { LIMITS } from '../../shared/limits';
import { checkOutboundUrl } from '../integrations/address-policy';
import { createSession } from '../sessions/create-session';
import { emailCandidateInvite } from '../sessions/email-invite';
import { errors } from './error-responses';
import { namedFieldErrors } from './field-errors';
import { strictValidatorCompiler } from './strict-validator';
import { SYSTEM_ACTION } from '../db/audit-store';

// Greenhouse's Assessment Partner API, as Greenhouse calls it: HTTP Basic, the username an API
// key Atelier issued, the password empty. A wrong or revoked key gets 401 with no detail.

const BASIC = [{ greenhouseBasic: [] }];

export async function greenhousePartnerRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.setSchemaErrorFormatter(namedFieldErrors);
  // Bodies checked as sent: no coercion of a number into a name.
  app.setValidatorCompiler(strictValidatorCompiler);
  const services = app.services;
  const { greenhouse, audit } = services;
  const tags = ['greenhouse'];
  app.decorateRequest('greenhouseKeyId', '');
  app.addHook('onRequest', async (request, reply) => {
    reply.header('www-authenticate', 'Basic realm="Atelier"');
    request.greenhouseKeyId = greenhouse.authenticate(request.headers.authorization).id;
    reply.removeHeader('www-authenticate');
  });

  app.get(
    '/api/integrations/greenhouse/list_tests',
    {
      schema: {
        tags,
        summary: 'Greenhouse list_tests: one test per active exercise',
        security: BASIC,
        response: { 200: PartnerTestList, ...errors(401) },
      },
    },
    async () => greenhouse.listTests(),
  );

  app.post(
    '/api/integrations/greenhouse/send_test',
    {
      schema: {
        tags,
        summary: 'Greenhouse send_test: schedules a session on the test, keeps url for the completion PATCH',
        security: BASIC,
        body: SendTestBody,
        response: { 200: SendTestAnswer, ...errors(400, 401, 404, 409) },
      },
    },
    async (request) => {
      const { partner_test_id, candidate, url } = request.body;
      const exerciseId = greenhouse.requireTest(partner_test_id);
      const patchUrl = await checkOutboundUrl(url, services.outboundPolicy, services.self, 'url', services.config.greenhouseHosts);
      const name = (candidate.preferred_name?.trim() || [candidate.first_name, candidate.last_name].filter(Boolean).join(' ').trim()).slice(
        0,
        LIMITS.maxNameChars,
      );
      let interviewId = '';
      const created = createSession(
        services,
        { exercise: exerciseId, ...(name ? { candidateName: name } : {}), candidateEmail: candidate.email },
        (sessionId, tx) => {
          interviewId = greenhouse.recordInterview(
            { sessionId, keyId: request.greenhouseKeyId, partnerTestId: exerciseId, url: patchUrl.href },
            tx,
          );
        },
      );
      // Greenhouse expects the partner to email the test; only when the admin turned it on.
      if (greenhouse.emailInvites && services.mailer.configured) {
        const emailed = await emailCandidateInvite(services, created);
        if (!emailed.sent) request.log.warn({ sessionId: created.id }, 'the Greenhouse invite email was not sent');
      }
      audit.record({
        actor: SYSTEM_ACTION,
        action: 'greenhouse.send_test',
        target: { type: 'session', id: created.id },
        details: { exerciseId, partnerInterviewId: interviewId, keyId: request.greenhouseKeyId },
      });
      return { partner_interview_id: interviewId };
    },
  );

  app.get(
    '/api/integrations/greenhouse/test_status',
    {
      schema: {
        tags,
        summary: 'Greenhouse test_status: "complete" once the session is reviewed, with a signed report link',
        security: BASIC,
        querystring: TestStatusQuery,
        response: { 200: TestStatus, ...errors(400, 401, 404) },
      },
    },
    async (request) => greenhouse.testStatus(request.query.partner_interview_id),
  );

  app.post(
    '/api/integrations/greenhouse/response_error',
    {
      schema: {
        tags,
        summary: 'Greenhouse response_error: records what Greenhouse found malformed',
        security: BASIC,
        body: ResponseErrorBody,
        response: { 200: ResponseErrorAnswer, ...errors(400, 401) },
      },
    },
    async (request) => {
      greenhouse.recordError(request.body, request.greenhouseKeyId);
      return { status: 200 as const };
    },
  );
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The Greenhouse API key the request authenticated with. */
    greenhouseKeyId: string;
  }
}
