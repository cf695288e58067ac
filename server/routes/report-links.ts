import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ReportLinkIdParams, ReportLinkList, ReportLinkParams } from '../../shared/api/greenhouse';
import { Report } from '../../shared/api/reports';
import { SessionParams } from '../../shared/api/sessions';
import { AtelierError } from '../../shared/errors';
import { reportHtml } from '../reports/report-html';
import { buildReportModel } from '../reports/report-model';
import { errors } from './error-responses';

// Report links: the interview report for someone without an account (a recruiter following
// Greenhouse's partner_profile_url). The link is the credential: signed, expiring, revocable.

export async function reportLinkRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { reportLinks, access, log, sessions, exercises, audit, accounts } = app.services;

  app.get(
    '/api/report-links/:token',
    {
      schema: {
        tags: ['reports'],
        summary: 'The report behind a report link (no account needed)',
        params: ReportLinkParams,
        response: { 200: Report, ...errors(404) },
      },
    },
    async (request, reply) => {
      const link = reportLinks.open(request.params.token);
      const row = link ? sessions.get(link.sessionId) : undefined;
      // Forged, expired, revoked or erased look the same.
      if (!link || !row) throw new AtelierError('not_found', 'This report link is not valid any more.');
      const viewer = log.viewer(row.id, { participantId: 'admin', role: 'admin' });
      const model = buildReportModel(
        log.visible(row.id, viewer),
        exercises.version(row.exerciseId, row.exerciseVersion)?.content,
        undefined,
        (id) => accounts.byId(id)?.name,
      );
      reply.header('cache-control', 'private, no-store');
      return reply.type('text/html; charset=utf-8').send(reportHtml(model, 'en'));
    },
  );

  app.get(
    '/api/sessions/:id/report-links',
    {
      onRequest: async (request) => access.requireAdmin(request),
      schema: {
        tags: ['reports'],
        summary: "A session's report links",
        security: [{ bearer: [] }],
        params: SessionParams,
        response: { 200: ReportLinkList, ...errors(401, 403, 404) },
      },
    },
    async (request) => {
      if (!sessions.get(request.params.id)) throw new AtelierError('not_found', 'No such session.');
      return { links: reportLinks.forSession(request.params.id) };
    },
  );

  app.delete(
    '/api/report-links/:linkId',
    {
      onRequest: async (request) => access.requireAdmin(request),
      schema: {
        tags: ['reports'],
        summary: 'Revoke a report link at once',
        security: [{ bearer: [] }],
        params: ReportLinkIdParams,
        response: { 200: ReportLinkIdParams, ...errors(401, 403, 404) },
      },
    },
    async (request) => {
      if (!reportLinks.revoke(request.params.linkId)) throw new AtelierError('not_found', 'No such active report link.');
      audit.record({
        actor: access.requireAdmin(request),
        action: 'report_link.revoke',
        target: { type: 'report_link', id: request.params.linkId },
      });
      return { linkId: request.params.linkId };
    },
  );
}
