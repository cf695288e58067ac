import { listSessionItems, scheduleSession } from '../api/admin-endpoints';
import type { CreatedSession, ScheduleRequest, SessionListItem, SessionListStatus } from '$shared/api/sessions';
import type { ApiError } from '../api/http';
import { asApiError } from './errors';

// The sessions page: scheduling, the filtered list and the live dashboard, which polls.

export const POLL_MS = 4000;

export interface SessionFilters {
  status: SessionListStatus | '';
  exercise: string;
  q: string;
  /** Part of a reviewer's name: the review queue of one reviewer. */
  reviewer: string;
  /** Mean rubric level at least ('' = any). */
  minScore: string;
}

export class SessionsBoard {
  filters: SessionFilters = $state({ status: '', exercise: '', q: '', reviewer: '', minScore: '' });
  sessions: SessionListItem[] = $state.raw([]);
  /** Running sessions, whatever the filters, for the dashboard. */
  live: SessionListItem[] = $state.raw([]);
  /** The client's clock when the last answer arrived: time left counts down from there. */
  fetchedAt = $state(0);
  loaded = $state(false);
  scheduled: CreatedSession | null = $state.raw(null);
  scheduling = $state(false);
  error: ApiError | null = $state.raw(null);
  scheduleError: ApiError | null = $state.raw(null);
  #onUnauthorized: (error: ApiError) => void;
  #inFlight: AbortController | null = null;

  constructor(onUnauthorized: (error: ApiError) => void) {
    this.#onUnauthorized = onUnauthorized;
  }

  /** Polls the list every few seconds; returns the stop function for an $effect. */
  start(): () => void {
    void this.refresh();
    const timer = setInterval(() => void this.refresh(), POLL_MS);
    return () => {
      clearInterval(timer);
      this.#inFlight?.abort();
    };
  }

  async refresh(): Promise<void> {
    this.#inFlight?.abort();
    const controller = new AbortController();
    this.#inFlight = controller;
    const { status, exercise, q, reviewer, minScore } = this.filters;
    try {
      const [list, live] = await Promise.all([
        listSessionItems(
          {
            ...(status ? { status } : {}),
            exercise,
            q: q.trim(),
            reviewer: reviewer.trim(),
            ...(minScore ? { minScore: Number(minScore) } : {}),
          },
          controller.signal,
        ),
        listSessionItems({ status: 'live' }, controller.signal),
      ]);
      this.sessions = list.sessions;
      this.live = live.sessions;
      this.fetchedAt = Date.now();
      this.loaded = true;
      this.error = null;
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') return;
      this.error = asApiError(error);
      this.#onUnauthorized(this.error);
    }
  }

  async schedule(request: ScheduleRequest): Promise<boolean> {
    this.scheduling = true;
    this.scheduleError = null;
    try {
      this.scheduled = await scheduleSession(request);
      await this.refresh();
      return true;
    } catch (error) {
      this.scheduleError = asApiError(error);
      this.#onUnauthorized(this.scheduleError);
      return false;
    } finally {
      this.scheduling = false;
    }
  }
}
