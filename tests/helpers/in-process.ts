import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../server/config';
import { loadModelCatalog } from '../../server/llm/catalog';
import { LiveConnection } from '../../server/live/live-connection';
import type { Member } from '../../server/rooms/member';
import { createServices, type Services } from '../../server/services';
import { createSession } from '../../server/sessions/create-session';
import { ManualClock } from './manual-clock';
import { TestSocket } from './test-socket';
import { testDatabaseForServer } from './test-database';

// The server's services without HTTP: a temp database, a manual clock, the offline simulator.
// Unit tests of rooms, connections and dispatch drive them through TestSockets.

export interface InProcess {
  services: Services;
  clock: ManualClock;
  /** A new session; its participants, as the live route would build them from its invites. */
  session(): { id: string; candidate: Member; interviewer: Member; reviewer: Member };
  /** A connection as the live route makes one, on a TestSocket. */
  connect(sessionId: string, participant: Member): { live: LiveConnection; socket: TestSocket; send(frame: unknown): void };
  /** Runs the group commit now: what was appended is committed and broadcast. */
  commit(): void;
  close(): Promise<void>;
}

export async function inProcess(): Promise<InProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'atelier-unit-'));
  const clock = new ManualClock();
  const testDatabase = await testDatabaseForServer();
  const config = {
    ...loadConfig({ ATELIER_DATA_DIR: dataDir }),
    coalescing: { intervalMs: 0, maxChars: 2048 },
    ...(testDatabase ? { databaseUrl: testDatabase.url } : {}),
  };
  const models = await loadModelCatalog({ env: {}, offline: { paceMs: 0, firstTokenMs: 0 }, fetchModelLists: false });
  const services = createServices(config, clock, 'unit-admin-token-0123456789', models);
  return {
    services,
    clock,
    session() {
      const created = createSession(services, {});
      const participant = (role: 'candidate' | 'interviewer' | 'reviewer'): Member => {
        const invite = created.participants.find((p) => p.role === role)!;
        return { participantId: invite.inviteId, inviteId: invite.inviteId, role, name: invite.name, accountId: null };
      };
      return {
        id: created.id,
        candidate: participant('candidate'),
        interviewer: participant('interviewer'),
        reviewer: participant('reviewer'),
      };
    },
    connect(sessionId, participant) {
      const socket = new TestSocket();
      const live = new LiveConnection(
        {
          rooms: services.rooms,
          clock,
          budgets: services.participantLimits,
          onInternalError: (error) => {
            throw error;
          },
        },
        sessionId,
        socket,
        participant,
      );
      return { live, socket, send: (frame) => live.receive(typeof frame === 'string' ? frame : JSON.stringify(frame)) };
    },
    commit: () => services.rooms.flush(),
    async close() {
      await services.rooms.closeAll();
      await services.checks.close();
      await services.database.close();
      rmSync(dataDir, { recursive: true, force: true });
      await testDatabase?.drop();
    },
  };
}
