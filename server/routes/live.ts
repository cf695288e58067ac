import type {} from '@fastify/websocket';
import type {} from '@fastify/swagger';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { RoleQuery, SessionParams } from '../../shared/api/sessions';
import { AtelierError } from '../../shared/errors';
import { CLOSE_CODES } from '../../shared/protocol';
import { isAllowedOrigin } from '../live/origin';
import { LiveConnection } from '../live/live-connection';
import { participantKey, socketKey, type ParticipantBudgets, type SocketSlot } from '../live/participant-limits';
import { wsRoomSocket } from '../live/ws-room-socket';
import type { LiveRelay } from '../live/relay';
import type { Member } from '../rooms/member';
import { errors } from './error-responses';

// The live channel. Authentication and the Origin check run in preValidation, before the
// upgrade, so a refused handshake is a plain HTTP error and never becomes a socket.

/** Frames a socket may send before its slot is taken (one Redis round trip): its hello and a few more. */
const MAX_FRAMES_BEFORE_SLOT = 16;

/** The route's request, typed by its schemas (a WebSocket route takes no type provider). */
type LiveRequest = { Params: SessionParams; Querystring: RoleQuery };

declare module 'fastify' {
  interface FastifyRequest {
    liveParticipant?: Member;
  }
}

const COUNTED_BY_THE_RELAYING_NODE: Pick<ParticipantBudgets, 'hitFrame'> = { hitFrame: () => null };

export async function liveRoutes(app: FastifyInstance, options: { relay?: LiveRelay }) {
  const { access, rooms, config, clock, participantLimits } = app.services;
  const { relay } = options;
  const onInternalError = (error: unknown) => app.log.error({ err: error }, 'live command failed');
  // Sockets relayed here from other nodes (this node writes their session): the same connection
  // as a local socket's, on a virtual socket; the relaying node authenticated them. Never relayed
  // further: should this node not write the session any more, the client is told session_elsewhere.
  // Their frames are not counted again: the relaying node counted each one against the
  // participant's budget, which lives in Redis (a relay implies REDIS_URL) and so already sums
  // every node's sockets; a second count here would halve a relayed participant's budget.
  relay?.accept(
    (sessionId, member, socket) =>
      new LiveConnection({ rooms, clock, budgets: COUNTED_BY_THE_RELAYING_NODE, onInternalError }, sessionId, socket, member),
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
        if (!(await participantLimits.hitHandshake(participantKey(request.params.id, participant), clock.now()))) {
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
        wsRoomSocket(socket),
        request.liveParticipant!,
      );
      // One of the participant's socket slots (shared by every node with REDIS_URL) is taken
      // first; frames that arrive meanwhile wait for it, bounded, and go in order.
      let slot: SocketSlot | null = null;
      let waiting: string[] | null = [];
      let closed = false;
      socket.on('message', (data, isBinary) => {
        const text = isBinary ? '' : data.toString();
        if (!waiting) live.receive(text);
        else if (waiting.length < MAX_FRAMES_BEFORE_SLOT) waiting.push(text);
      });
      participantLimits.openSocket(socketKey(request.params.id, request.liveParticipant!)).then(
        (taken) => {
          if (closed) return taken?.release();
          if (!taken) {
            const { code, reason } = CLOSE_CODES.tooManySockets;
            return socket.close(code, reason);
          }
          slot = taken;
          const early = waiting ?? [];
          waiting = null;
          for (const text of early) live.receive(text);
        },
        (error: unknown) => {
          request.log.error({ err: error }, 'live socket slot failed');
          const { code, reason } = CLOSE_CODES.internalError;
          socket.close(code, reason);
        },
      );
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
        closed = true;
        slot?.release();
        expiry?.cancel();
        live.closed();
      });
      socket.on('error', (error) => request.log.warn({ err: error }, 'live socket error'));
    },
  );
}
