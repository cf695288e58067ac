import type {} from '@fastify/websocket';
import type {} from '@fastify/swagger';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { RoleQuery, SessionParams } from '../../shared/api/sessions';
import { AtelierError } from '../../shared/errors';
import { CLOSE_CODES } from '../../shared/protocol';
import { isAllowedOrigin } from '../live/origin';
import { LiveConnection } from '../live/live-connection';
import { participantKey } from '../live/participant-limits';
import { wsRoomSocket } from '../live/ws-room-socket';
import type { LiveRelay } from '../live/relay';
import type { Member } from '../rooms/member';
import { errors } from './error-responses';

// The live channel. Authentication and the Origin check run in preValidation, before the
// upgrade, so a refused handshake is a plain HTTP error and never becomes a socket.

/** The route's request, typed by its schemas (a WebSocket route takes no type provider). */
type LiveRequest = { Params: SessionParams; Querystring: RoleQuery };

declare module 'fastify' {
  interface FastifyRequest {
    liveParticipant?: Member;
  }
}

export async function liveRoutes(app: FastifyInstance, options: { relay?: LiveRelay }) {
  const { access, rooms, config, clock, participantLimits } = app.services;
  const { relay } = options;
  const onInternalError = (error: unknown) => app.log.error({ err: error }, 'live command failed');
  // Sockets relayed here from other nodes (this node writes their session): the same connection
  // as a local socket's, on a virtual socket; the relaying node authenticated them. Never relayed
  // further: should this node not write the session any more, the client is told session_elsewhere.
  relay?.accept(
    (sessionId, member, socket) =>
      new LiveConnection({ rooms, clock, budgets: participantLimits, onInternalError }, sessionId, socket, member),
  );

  app.get<LiveRequest>(
    '/api/sessions/:id/live',
    {
      websocket: true,
      schema: {
        tags: ['live'],
        summary: 'The live channel (WebSocket). Frames: docs/protocol.md',
        params: SessionParams,
        querystring: RoleQuery,
        response: errors(401, 403, 404, 429),
      },
      preValidation: async (request: FastifyRequest<LiveRequest>) => {
        const origin = request.headers.origin;
        if (!isAllowedOrigin(origin, { publicUrl: config.publicUrl, extra: config.allowedOrigins })) {
          throw new AtelierError('bad_origin');
        }
        const participant = access.requireParticipant(request, request.params.id, request.query.role);
        // Counted per participant, before the upgrade: reconnecting in a loop cannot become sockets.
        if (!participantLimits.hitHandshake(participantKey(request.params.id, participant), clock.now())) {
          throw new AtelierError('rate_limited', 'Too many connections opened this minute; wait a moment and reconnect.');
        }
        if (!app.services.sessions.get(request.params.id)) throw new AtelierError('not_found', 'No such session.');
        request.liveParticipant = participant;
      },
    },
    (socket, request) => {
      // Handlers are attached synchronously, before anything could await: no frame is missed.
      const live = new LiveConnection(
        {
          rooms,
          clock,
          budgets: participantLimits,
          onInternalError: (error) => request.log.error({ err: error }, 'live command failed'),
          ...(relay ? { relay } : {}),
        },
        request.params.id,
        // The upgraded request's TCP socket is the one ws writes to.
        wsRoomSocket(socket, request.raw.socket),
        request.liveParticipant!,
      );
      socket.on('message', (data, isBinary) => {
        live.receive(isBinary ? '' : data.toString());
      });
      // An invite that expires while its socket is open closes it, as revocation does.
      const inviteId = request.liveParticipant!.inviteId;
      const expiresAt = inviteId ? access.inviteById(inviteId)?.expiresAt : undefined;
      const expiry =
        expiresAt === undefined
          ? undefined
          : app.services.clock.setTimeout(() => {
              const { code, reason } = CLOSE_CODES.unauthorized;
              socket.close(code, reason);
            }, expiresAt - app.services.clock.now());
      socket.on('close', () => {
        expiry?.cancel();
        live.closed();
      });
      socket.on('error', (error) => request.log.warn({ err: error }, 'live socket error'));
    },
  );
}
