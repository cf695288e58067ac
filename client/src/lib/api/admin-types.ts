import type { ExerciseContent } from '$shared/exercise';
import type { FieldProblem } from '$shared/problems';
import type { InviteRole } from '$shared/roles';
import type { ExerciseSummary, SessionSummary } from './types';

// Shapes of the admin REST answers (docs/api.md), declared against the documented contract.

export interface LibraryExercise extends ExerciseSummary {
  archived: boolean;
  createdAt: number;
  updatedAt: number;
}

/** A stored regex expectation the linear-time engine cannot run (saved before that was a rule). */
export interface PatternWarning {
  testCaseId: string;
  testCaseTitle: string;
  /** Index among the case's expectations, from 0. */
  expectation: number;
  pattern: string;
  problem: FieldProblem;
}

/** A row of `GET /api/exercises`. */
export interface LibraryListItem extends LibraryExercise {
  patternWarnings: PatternWarning[];
}

export interface ExerciseDetail extends LibraryExercise {
  content: ExerciseContent;
  versions: { version: number; title: string; createdAt: number }[];
}

export type SessionFilterStatus = 'scheduled' | 'live' | 'ended' | 'reviewed';

export interface SessionListItem extends SessionSummary {
  candidateEmail: string | null;
  exerciseId: string;
  exerciseVersion: number;
  reviewed: boolean;
  reviewedAt: number | null;
  scheduledFor: number | null;
  deadline: number | null;
  timeLeftMs: number | null;
  inputTokens: number;
  outputTokens: number;
}

export interface SessionList {
  now: number;
  sessions: SessionListItem[];
}

export type InviteStatus = 'active' | 'expired' | 'revoked';

export interface InviteInfo {
  id: string;
  role: InviteRole;
  name: string | null;
  createdAt: number;
  expiresAt: number;
  revokedAt: number | null;
  status: InviteStatus;
}

export interface SessionDetail extends SessionListItem {
  invites: InviteInfo[];
}

/** An invite as issued: the only time its token and link are shown. */
export interface IssuedInvite {
  inviteId: string;
  role: InviteRole;
  name: string | null;
  url: string;
  token: string;
  expiresAt: number;
}

export interface ScheduleRequest {
  exercise?: string;
  candidateName?: string;
  candidateEmail?: string;
  interviewers?: { name: string }[];
  reviewers?: { name: string }[];
  scheduledFor?: number;
  inviteTtlHours?: number;
}

export interface ScheduledSession {
  id: string;
  invites: Record<InviteRole, { url: string; token: string; expiresAt: number }>;
  participants: IssuedInvite[];
}

export interface Settings {
  retentionDays: number | null;
  consentText: { en: string; fr: string };
}

export type ProviderStatus = 'configured' | 'key_missing' | 'unreachable';

export interface ProviderInfo {
  id: string;
  kind: string;
  baseUrl?: string;
  status: ProviderStatus;
  error?: string;
  models: { id: string; label: string; simulated: boolean; price?: { inputPerMTok: number; outputPerMTok: number } }[];
}

export interface Providers {
  defaultModel: string;
  providers: ProviderInfo[];
}

export interface ErasedSession {
  id: string;
  candidateName: string | null;
  candidateEmail: string | null;
  exerciseId: string;
  status: string;
  createdAt: number;
  events: number;
  notes: number;
  invites: number;
}

export type CandidateSubject = { candidateEmail: string } | { candidateName: string };

export interface AuditEntry {
  id: number;
  at: number;
  actor: string;
  action: string;
  target: { type: string; id: string } | null;
  details: Record<string, unknown>;
}

export interface AuditPage {
  entries: AuditEntry[];
  nextBefore: number | null;
}
