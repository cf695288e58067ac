import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  CandidateErasure,
  CandidateExportFile,
  CandidateExportQuery,
  EraseCandidateBody,
  type CandidateSubject,
} from '../../shared/api/privacy';
import { AtelierError } from '../../shared/errors';
import { exportCandidate } from '../privacy/candidate-export';
import { eraseSessions } from '../privacy/erase-sessions';
import { namedFieldErrors } from './field-errors';
import { errors } from './error-responses';

// A candidate's rights (admin only): erasure of every session held about them, and access
// to everything held about them. Both match the candidate exactly, ignoring case.

function subjectOf(input: { candidateEmail?: string; candidateName?: string }): CandidateSubject {
  const email = input.candidateEmail?.trim();
  const name = input.candidateName?.trim();
  if (email && name) throw new AtelierError('invalid_payload', 'Invalid request: give candidateEmail or candidateName, not both.');
  if (email) return { candidateEmail: email };
  if (name) return { candidateName: name };
  throw new AtelierError('invalid_payload', 'Invalid request: candidateEmail or candidateName is required.');
}

export async function privacyRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.setSchemaErrorFormatter(namedFieldErrors);
  // Admin only: the caller is checked before the request is validated, so 401/403 come first.
  app.addHook('onRequest', async (request) => app.services.access.requireAdmin(request));
  const services = app.services;
  const { audit, clock } = services;
  const security = [{ bearer: [] }];

  app.post(
    '/api/privacy/erase',
    {
      schema: {
        tags: ['privacy'],
        summary: 'Erase a candidate: every session whose candidate matches, with all its events, notes and invites',
        security,
        body: EraseCandidateBody,
        response: {
          200: CandidateErasure,
          ...errors(400, 401, 403),
        },
      },
    },
    async (request) => {
      const subject = subjectOf(request.body);
      const ids = services.sessions.byCandidate(subject).map((s) => s.id);
      const erased = await eraseSessions(services, ids);
      // The audit names sessions by id only: the candidate's name or email would outlive the erasure.
      audit.record({
        actor: services.access.requireAdmin(request),
        action: 'privacy.erase',
        details: { by: Object.keys(subject)[0], sessionIds: erased.map((s) => s.id), count: erased.length },
      });
      return { erased };
    },
  );

  app.get(
    '/api/privacy/export',
    {
      schema: {
        tags: ['privacy'],
        summary: 'Right of access: a JSON file of everything held about a candidate (sessions, events, invite metadata)',
        description: 'Events follow the audience rule for a candidate (no staff notes or scores) unless includeStaffEvents=true.',
        security,
        querystring: CandidateExportQuery,
        response: {
          200: CandidateExportFile,
          ...errors(400, 401, 403),
        },
      },
    },
    async (request, reply) => {
      const subject = subjectOf(request.query);
      const file = exportCandidate(services, subject, { includeStaffEvents: request.query.includeStaffEvents === true, now: clock.now() });
      audit.record({
        actor: services.access.requireAdmin(request),
        action: 'privacy.export',
        details: { by: Object.keys(subject)[0], sessionIds: file.sessions.map((s) => s.id), includesStaffEvents: file.includesStaffEvents },
      });
      reply.header('content-disposition', 'attachment; filename="atelier-candidate-export.json"');
      return file;
    },
  );
}
