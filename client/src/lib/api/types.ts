import type { InviteRole } from '$shared/roles';
import type { SessionStatus } from '$shared/state';

// Shapes of the REST answers the client reads. shared/ has no schema for these yet,
// so they are declared here against the documented contract.

export interface InviteExchange {
  sessionId: string;
  role: InviteRole;
  participantId: string;
}

export interface ExerciseSummary {
  id: string;
  slug: string;
  title: string;
  language: string;
  version: number;
}

export interface InviteLink {
  url: string;
  token: string;
}

export interface CreatedSession {
  id: string;
  invites: Record<InviteRole, InviteLink>;
}

export interface SessionSummary {
  id: string;
  candidateName: string | null;
  exerciseTitle: string;
  status: SessionStatus;
  createdAt: number;
  startedAt: number | null;
  endedAt: number | null;
  turns: number;
  costUsd: number;
}

export interface ModelOption {
  id: string;
  label: string;
  simulated: boolean;
  /** Generation parameters the model does not take (Anthropic: temperature, top_p). */
  unsupportedParams?: string[];
}

export interface SessionModels {
  models: ModelOption[];
  defaultModel: string;
}
