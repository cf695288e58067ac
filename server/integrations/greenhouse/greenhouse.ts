import type {
  GreenhouseInterviewList,
  GreenhouseKey,
  GreenhouseSettings,
  GreenhouseSettingsPatch,
  IssuedGreenhouseKey,
  PartnerStatus,
  PartnerTestList,
  ResponseErrorBody,
  TestStatus,
} from '../../../shared/api/greenhouse';
import type { WebhookEventType } from '../../../shared/api/webhooks';
import { AtelierError } from '../../../shared/errors';
import { hashToken, newToken } from '../../auth/tokens';
import type { Clock } from '../../clock';
import type { Transaction } from '../../db/database';
import type { ExerciseStore } from '../../db/exercise-store';
import type { GreenhouseKeyRow, GreenhouseStore } from '../../db/greenhouse-store';
import type { NewDelivery, OutboxStore } from '../../db/outbox-store';
import type { SessionStore } from '../../db/session-store';
import type { SettingsStore } from '../../db/settings-store';
import { newId } from '../../ids';
import type { Target } from '../dispatcher';
import type { ReportLinks } from '../report-links';

// Atelier as a Greenhouse assessment partner (grnhse/greenhouse-api-docs,
// source/includes/assessment/): Greenhouse lists our tests, sends one to a candidate (we
// schedule a session and keep Greenhouse's `url`), polls its status, reports malformed answers;
// once the session is reviewed we PATCH that `url` through the outbox, retried like a webhook.

const SETTINGS_KEY = 'greenhouse';

interface StoredSettings {
  sendScore: boolean;
  emailInvites: boolean;
  patchUsername: string | null;
  patchPassword: string | null;
}

const DEFAULTS: StoredSettings = { sendScore: false, emailInvites: false, patchUsername: null, patchPassword: null };

export interface GreenhouseDeps {
  greenhouse: GreenhouseStore;
  settings: SettingsStore;
  exercises: ExerciseStore;
  sessions: SessionStore;
  outbox: OutboxStore;
  reportLinks: ReportLinks;
  clock: Clock;
}

export class GreenhouseService {
  constructor(private readonly deps: GreenhouseDeps) {}

  // Keys

  issueKey(name: string): IssuedGreenhouseKey {
    // Greenhouse takes keys shorter than 171 characters: this one has 46.
    const apiKey = `gh_${newToken()}`;
    const row: GreenhouseKeyRow = {
      id: newId(),
      name: name.trim() || 'Greenhouse',
      keyHash: hashToken(apiKey),
      createdAt: this.deps.clock.now(),
      revokedAt: null,
      lastUsedAt: null,
    };
    this.deps.greenhouse.createKey(row);
    return { key: keyInfo(row), apiKey };
  }

  keys(): GreenhouseKey[] {
    return this.deps.greenhouse.keys().map(keyInfo);
  }

  revokeKey(id: string): void {
    if (!this.deps.greenhouse.revokeKey(id, this.deps.clock.now())) throw new AtelierError('not_found', 'No such key.');
  }

  /**
   * The key of an `Authorization: Basic base64(<key>:)` header, or unauthorized with no detail:
   * a wrong, revoked and malformed credential look the same.
   */
  authenticate(header: string | undefined): GreenhouseKeyRow {
    const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
    const decoded = match ? Buffer.from(match[1]!, 'base64').toString('utf8') : '';
    const colon = decoded.indexOf(':');
    const username = colon >= 0 ? decoded.slice(0, colon) : '';
    const password = colon >= 0 ? decoded.slice(colon + 1) : 'missing';
    const row = username && password === '' ? this.deps.greenhouse.keyByHash(hashToken(username)) : undefined;
    if (!row || row.revokedAt !== null) throw new AtelierError('unauthorized', 'Unauthorized.');
    this.deps.greenhouse.touchKey(row.id, this.deps.clock.now());
    return row;
  }

  // Settings

  settings(): GreenhouseSettings {
    const { patchPassword, ...rest } = this.stored();
    return { ...rest, patchPasswordSet: patchPassword !== null && patchPassword !== '' };
  }

  updateSettings(patch: GreenhouseSettingsPatch): GreenhouseSettings {
    const next = { ...this.stored() };
    for (const key of ['sendScore', 'emailInvites'] as const) if (patch[key] !== undefined) next[key] = patch[key];
    if (patch.patchUsername !== undefined) next.patchUsername = patch.patchUsername;
    if (patch.patchPassword !== undefined) next.patchPassword = patch.patchPassword;
    this.deps.settings.set(SETTINGS_KEY, next);
    return this.settings();
  }

  private stored(): StoredSettings {
    const value = this.deps.settings.get(SETTINGS_KEY);
    return { ...DEFAULTS, ...(typeof value === 'object' && value !== null ? (value as Partial<StoredSettings>) : {}) };
  }

  // The partner endpoints

  /** One test per active exercise; each exercise is in one language, which the name says. */
  listTests(): PartnerTestList {
    return this.deps.exercises
      .list()
      .map((row) => ({ partner_test_id: row.id, partner_test_name: `${row.title} (${row.language.toUpperCase()})` }));
  }

  /** The exercise a partner_test_id names, if it is offered; else 404. */
  requireTest(partnerTestId: string): string {
    const row = this.deps.exercises.list().find((r) => r.id === partnerTestId);
    if (!row) throw new AtelierError('not_found', 'No such test.');
    return row.id;
  }

  /** Inside the session's creation: the interview Greenhouse will ask about. */
  recordInterview(input: { sessionId: string; keyId: string; partnerTestId: string; url: string }, tx: Transaction): string {
    const id = newId();
    this.deps.greenhouse.createInterview({ id, ...input, createdAt: this.deps.clock.now() }, tx);
    return id;
  }

  get emailInvites(): boolean {
    return this.stored().emailInvites;
  }

  testStatus(partnerInterviewId: string): TestStatus {
    const interview = this.deps.greenhouse.interview(partnerInterviewId);
    const session = interview ? this.deps.sessions.item(interview.sessionId) : undefined;
    if (!interview || !session) throw new AtelierError('not_found', 'No such interview.');
    const status: PartnerStatus = session.reviewed
      ? 'complete'
      : session.status === 'ended'
        ? 'awaiting_review'
        : session.status === 'live'
          ? 'in_progress'
          : 'scheduled';
    const metadata: Record<string, string> = { Exercise: session.exerciseTitle };
    if (session.startedAt !== null) metadata['Started At'] = new Date(session.startedAt).toISOString();
    if (session.endedAt !== null) metadata['Completed At'] = new Date(session.endedAt).toISOString();
    return {
      partner_status: status,
      partner_profile_url: status === 'complete' ? this.deps.reportLinks.urlFor(session.id) : null,
      ...(this.stored().sendScore && session.scoreMean !== null ? { partner_score: session.scoreMean } : {}),
      metadata,
    };
  }

  recordError(body: ResponseErrorBody, keyId: string): void {
    // candidate_email is not kept: it would outlive the candidate's erasure.
    this.deps.greenhouse.recordError({
      at: this.deps.clock.now(),
      keyId,
      apiCall: body.api_call,
      errors: body.errors,
      partnerTestId: body.partner_test_id ?? null,
      partnerInterviewId: body.partner_interview_id ?? null,
    });
  }

  errors() {
    return this.deps.greenhouse.errors(200).map(({ id, at, apiCall, errors, partnerTestId, partnerInterviewId }) => ({
      id,
      at,
      apiCall,
      errors,
      partnerTestId,
      partnerInterviewId,
    }));
  }

  interviews(): GreenhouseInterviewList['interviews'] {
    return this.deps.greenhouse.interviews(200).map((row) => {
      const [delivery] = this.deps.outbox.forEndpoint('greenhouse', row.id, 1);
      return {
        partnerInterviewId: row.id,
        sessionId: row.sessionId,
        partnerTestId: row.partnerTestId,
        createdAt: row.createdAt,
        completion: delivery ? { deliveryId: delivery.id, status: delivery.status, attempts: delivery.attempts } : null,
      };
    });
  }

  // The completion PATCH

  /** For the outbox: once a Greenhouse session is reviewed, PATCH its url. */
  completionDeliveries(sessionId: string, type: WebhookEventType, eventId: string, now: number, tx: Transaction): NewDelivery[] {
    if (type !== 'session.reviewed') return [];
    const interview = this.deps.greenhouse.interviewOfSession(sessionId, tx);
    if (!interview) return [];
    return [
      {
        id: newId(),
        kind: 'greenhouse',
        endpointId: interview.id,
        sessionId,
        eventId,
        eventType: 'greenhouse.completed',
        body: '',
        createdAt: now,
      },
    ];
  }

  /** The PATCH on the wire, with the Basic credentials the admin configured (read at each attempt). */
  completionTarget(): Target {
    return (delivery) => {
      const interview = this.deps.greenhouse.interview(delivery.endpointId);
      if (!interview) return { gone: 'The session was erased.' };
      const { patchUsername, patchPassword } = this.stored();
      const headers: Record<string, string> = { 'user-agent': 'Atelier-Greenhouse/1' };
      if (patchUsername) headers.authorization = `Basic ${Buffer.from(`${patchUsername}:${patchPassword ?? ''}`).toString('base64')}`;
      return { url: interview.url, method: 'PATCH', headers, body: '' };
    };
  }
}

function keyInfo(row: GreenhouseKeyRow): GreenhouseKey {
  return { id: row.id, name: row.name, createdAt: row.createdAt, revokedAt: row.revokedAt, lastUsedAt: row.lastUsedAt };
}
