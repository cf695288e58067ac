import { CANDIDATE_EXPORT_FORMAT, type CandidateExportFile } from '../../shared/api/privacy';
import type { SessionEvent } from '../../shared/events';
import type { EventStore } from '../db/event-store';
import type { ExerciseStore } from '../db/exercise-store';
import type { InviteStore } from '../db/invite-store';
import type { SessionStore } from '../db/session-store';
import type { SessionLogReader } from '../log/session-log-reader';

// Right of access: everything held about one candidate, as one JSON document. Invites are
// described without their token hashes. Staff events (notes, scores) are left out unless
// the admin asks for them: by default the export follows the audience rule for a candidate.

export interface CandidateExportDeps {
  sessions: SessionStore;
  invites: InviteStore;
  events: EventStore;
  log: SessionLogReader;
  exercises: ExerciseStore;
}

export interface CandidateExport {
  format: typeof CANDIDATE_EXPORT_FORMAT;
  formatVersion: 1;
  exportedAt: number;
  subject: { candidateEmail?: string; candidateName?: string };
  includesStaffEvents: boolean;
  sessions: {
    id: string;
    candidateName: string | null;
    candidateEmail: string | null;
    exercise: { id: string; version: number; title: string | null };
    status: string;
    createdAt: number;
    scheduledFor: number | null;
    startedAt: number | null;
    endedAt: number | null;
    invites: { id: string; role: string; name: string | null; createdAt: number; expiresAt: number; revokedAt: number | null }[];
    events: SessionEvent[];
  }[];
}

// What GET /api/privacy/export answers: the file must fit its schema (which leaves sessions open).
const _fitsContract: CandidateExport extends CandidateExportFile ? true : never = true;
void _fitsContract;

export function exportCandidate(
  deps: CandidateExportDeps,
  subject: { candidateEmail?: string; candidateName?: string },
  options: { includeStaffEvents: boolean; now: number },
): CandidateExport {
  const rows = deps.sessions.byCandidate(subject);
  return {
    format: CANDIDATE_EXPORT_FORMAT,
    formatVersion: 1,
    exportedAt: options.now,
    subject,
    includesStaffEvents: options.includeStaffEvents,
    sessions: rows.map((row) => {
      // Without staff events, exactly what the candidate could see, numbered as they saw it.
      const events = options.includeStaffEvents
        ? deps.events.all(row.id)
        : deps.log.visible(row.id, deps.log.viewer(row.id, { role: 'candidate', participantId: 'candidate' }));
      return {
        id: row.id,
        candidateName: row.candidateName,
        candidateEmail: row.candidateEmail,
        exercise: {
          id: row.exerciseId,
          version: row.exerciseVersion,
          title: deps.exercises.version(row.exerciseId, row.exerciseVersion)?.content.title ?? null,
        },
        status: row.status,
        createdAt: row.createdAt,
        scheduledFor: row.scheduledFor,
        startedAt: row.startedAt,
        endedAt: row.endedAt,
        invites: deps.invites
          .forSession(row.id)
          .map(({ id, role, name, createdAt, expiresAt, revokedAt }) => ({ id, role, name, createdAt, expiresAt, revokedAt })),
        events,
      };
    }),
  };
}
