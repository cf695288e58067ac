import type { Evidence } from '$shared/events';
import type { Score, Scorer, SessionState } from '$shared/state';
import type { CommandRunner } from '../commands.svelte';

// One staff member's rubric: each change is a full `score.set` (level, comment, evidence) for
// one criterion, so the log always holds the whole score as it stood.

export class RubricScoring {
  readonly #commands: CommandRunner;
  readonly #state: () => SessionState;
  readonly #me: () => string | null;
  /** Scores sent and not yet acknowledged: the next change builds on them, not on a stale state. */
  #pending: Record<string, Score> = $state.raw({});

  constructor(commands: CommandRunner, state: () => SessionState, me: () => string | null) {
    this.#commands = commands;
    this.#state = state;
    this.#me = me;
  }

  get scorer(): Scorer | null {
    const me = this.#me();
    return me === null ? null : (this.#state().scorers[me] ?? null);
  }

  /** Scores can change until the scorer submits their review. */
  get locked(): boolean {
    return this.scorer?.submittedAt != null;
  }

  scoreOf(criterionId: string): Score | null {
    return this.#pending[criterionId] ?? this.scorer?.scores[criterionId] ?? null;
  }

  /** Other staff members' levels for a criterion, to compare at a glance. */
  othersOf(criterionId: string): { name: string; level: number }[] {
    const me = this.#me();
    return Object.values(this.#state().scorers)
      .filter((s) => s.id !== me)
      .flatMap((s) => {
        const level = s.scores[criterionId]?.level;
        return level == null ? [] : [{ name: s.name ?? s.role, level }];
      });
  }

  setLevel(criterionId: string, level: number | null): Promise<boolean> {
    return this.#save(criterionId, { level });
  }

  setComment(criterionId: string, comment: string): Promise<boolean> {
    if ((this.scoreOf(criterionId)?.comment ?? '') === comment) return Promise.resolve(true);
    return this.#save(criterionId, { comment });
  }

  addEvidence(criterionId: string, evidence: Evidence): Promise<boolean> {
    const current = this.scoreOf(criterionId)?.evidence ?? [];
    const duplicate = current.some((e) => e.at === evidence.at && e.turnId === evidence.turnId && e.versionId === evidence.versionId);
    if (duplicate) return Promise.resolve(true);
    return this.#save(criterionId, { evidence: [...current, evidence] });
  }

  removeEvidence(criterionId: string, index: number): Promise<boolean> {
    const current = this.scoreOf(criterionId)?.evidence ?? [];
    return this.#save(criterionId, { evidence: current.filter((_, i) => i !== index) });
  }

  submitReview(): Promise<boolean> {
    return this.#commands.run('review.submit', {});
  }

  async #save(criterionId: string, change: Partial<Pick<Score, 'level' | 'comment' | 'evidence'>>): Promise<boolean> {
    const current = this.scoreOf(criterionId);
    const next: Score = {
      criterionId,
      level: change.level !== undefined ? change.level : (current?.level ?? null),
      comment: change.comment ?? current?.comment ?? '',
      evidence: change.evidence ?? current?.evidence ?? [],
      at: current?.at ?? 0,
    };
    this.#pending = { ...this.#pending, [criterionId]: next };
    const ok = await this.#commands.run('score.set', { criterionId, level: next.level, comment: next.comment, evidence: next.evidence });
    // Acknowledged: the state now holds it (events come before their ack). Refused: drop it.
    if (this.#pending[criterionId] === next) {
      const { [criterionId]: _settled, ...rest } = this.#pending;
      this.#pending = rest;
    }
    return ok;
  }
}
