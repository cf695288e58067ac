import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  EXPORT_FORMAT,
  EXPORT_SCHEMA_VERSION,
  Report,
  ReportQuery,
  ReviewBody,
  ReviewSetting,
  SessionExport,
} from '../../shared/api/reports';
import { RoleQuery, SessionParams } from '../../shared/api/sessions';
import { AtelierError } from '../../shared/errors';
import { SYSTEM_ACTOR, draft, type SessionEvent } from '../../shared/events';
import { isStaff } from '../../shared/roles';
import { reportHtml } from '../reports/report-html';
import { buildReportModel } from '../reports/report-model';
import { reportMarkdown } from '../reports/report-markdown';
import type { Member } from '../rooms/member';
import { errors } from './error-responses';

// Exports and reports, always built from what the reader may see (the audience rule), so a
// candidate's export has no staff event and a blind reviewer's report has no name.

export async function reportRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { access, rooms, log, exercises, sessions, audit, clock, config, accounts } = app.services;
  const accountName = (id: string) => accounts.byId(id)?.name;

  /** The events this participant may see, committed up to now; read from the log, no room opened. */
  function readable(sessionId: string, participant: Member): { visible: SessionEvent[]; exerciseId: string; exerciseVersion: number } {
    const row = sessions.get(sessionId);
    if (!row) throw new AtelierError('not_found', 'No such session.');
    const visible = log.visible(sessionId, log.viewer(sessionId, participant));
    return { visible, exerciseId: row.exerciseId, exerciseVersion: row.exerciseVersion };
  }

  function filename(request: { params: { id: string } }, ext: string): string {
    return `atelier-session-${request.params.id}.${ext}`;
  }

  app.get(
    '/api/sessions/:id/export.json',
    {
      schema: {
        tags: ['reports'],
        summary: 'The event log as a JSON file, as the reader may see it',
        params: SessionParams,
        querystring: RoleQuery,
        response: {
          200: SessionExport,
          ...errors(401, 403, 404),
        },
      },
    },
    async (request, reply) => {
      const participant = access.requireParticipant(request, request.params.id, request.query.role);
      const { visible } = readable(request.params.id, participant);
      reply.header('content-disposition', `attachment; filename="${filename(request, 'json')}"`);
      return {
        format: EXPORT_FORMAT,
        schemaVersion: EXPORT_SCHEMA_VERSION,
        exportedAt: clock.now(),
        sessionId: request.params.id,
        role: participant.role,
        events: visible,
      };
    },
  );

  for (const kind of ['md', 'html'] as const) {
    app.get(
      `/api/sessions/:id/report.${kind}`,
      {
        schema: {
          tags: ['reports'],
          summary:
            kind === 'md' ? 'The interview report as Markdown (staff)' : 'The interview report as printable HTML (staff; print to PDF)',
          params: SessionParams,
          querystring: ReportQuery,
          response: { 200: Report, ...errors(401, 403, 404) },
        },
      },
      async (request, reply) => {
        const participant = access.requireParticipant(request, request.params.id, request.query.role);
        if (!isStaff(participant.role)) throw new AtelierError('forbidden', 'Reports are for interviewers, reviewers and admins.');
        const { visible, exerciseId, exerciseVersion } = readable(request.params.id, participant);
        // Evidence and flags link into the replay this reader opens (an admin opens the reviewer's).
        const view = participant.role === 'admin' ? 'reviewer' : participant.role;
        const replay = `${config.publicUrl}/s/${encodeURIComponent(request.params.id)}/${view}`;
        const link = (at: number, turnId: string | null) => `${replay}?at=${at}${turnId ? `&answer=${encodeURIComponent(turnId)}` : ''}`;
        const model = buildReportModel(visible, exercises.version(exerciseId, exerciseVersion)?.content, link, accountName);
        if (kind === 'md') {
          reply.header('content-disposition', `attachment; filename="${filename(request, 'md')}"`).type('text/markdown; charset=utf-8');
          return reportMarkdown(model, request.query.lang ?? 'en');
        }
        return reply.type('text/html; charset=utf-8').send(reportHtml(model, request.query.lang ?? 'en'));
      },
    );
  }

  app.put(
    '/api/sessions/:id/review',
    {
      // Before the body is validated: a caller without the admin token learns nothing of the schema.
      onRequest: async (request) => access.requireAdmin(request),
      schema: {
        tags: ['reports'],
        summary: "How the session is reviewed: blind hides the candidate's name and identity from reviewers",
        security: [{ bearer: [] }],
        params: SessionParams,
        body: ReviewBody,
        response: { 200: ReviewSetting, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const blind = request.body.blind;
      const changed = rooms.withSession(request.params.id, (session) => {
        if (session.room.state.review.blind === blind) return false;
        session.room.append([draft('review.configured', SYSTEM_ACTOR, { blind })]);
        session.room.flush();
        return true;
      });
      if (changed === undefined) throw new AtelierError('not_found', 'No such session.');
      if (changed)
        audit.record({
          actor: access.requireAdmin(request),
          action: 'session.review',
          target: { type: 'session', id: request.params.id },
          details: { blind },
        });
      return { blind };
    },
  );
}
