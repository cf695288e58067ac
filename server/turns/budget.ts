import { AtelierError } from '../../shared/errors';
import type { Budget } from '../../shared/exercise';
import type { LlmRequest } from '../llm/provider';

// A session's token and cost budget, never overshot: each answer holds what it may cost at
// most (its input, estimated on the high side, plus its whole output allowance) from before
// it starts until it ends. What answers really used is in the log's totals.

export interface Reservation {
  tokens: number;
  costUsd: number;
}

export interface Spent {
  tokens: number;
  costUsd: number;
}

/** ~3 characters per token: on the high side for English (~4), closer for French or code. */
const CHARS_PER_TOKEN_HIGH = 3;

/** The most an answer to `request` can use: a high estimate of its input plus its output allowance. */
export function reservationFor(
  request: Pick<LlmRequest, 'system' | 'messages'>,
  maxOutputTokens: number,
  costOf: (usage: { inputTokens: number; outputTokens: number; estimated: boolean }) => number | null,
): Reservation {
  const chars = request.messages.reduce((sum, m) => sum + m.content.length, request.system.length);
  const inputTokens = Math.ceil(chars / CHARS_PER_TOKEN_HIGH) + 3 * (request.messages.length + 1);
  const outputTokens = maxOutputTokens;
  return { tokens: inputTokens + outputTokens, costUsd: costOf({ inputTokens, outputTokens, estimated: true }) ?? 0 };
}

export class BudgetLedger {
  private readonly held = new Map<string, Reservation>();

  constructor(
    private readonly budget: () => Budget | null,
    private readonly spent: () => Spent,
  ) {}

  /** Holds `reservation` for the answer `turnId`, or refuses with `budget_exhausted`. */
  reserve(turnId: string, reservation: Reservation): void {
    const problem = this.shortfall([reservation]);
    if (problem) throw new AtelierError('budget_exhausted', problem);
    this.held.set(turnId, reservation);
  }

  release(turnId: string): void {
    this.held.delete(turnId);
  }

  /** How many of these answers, taken in order, the budget left can cover together. */
  fitting(reservations: readonly Reservation[]): number {
    let n = 0;
    while (n < reservations.length && !this.shortfall(reservations.slice(0, n + 1))) n++;
    return n;
  }

  /** Why these answers cannot all start now, or null when they can. */
  private shortfall(more: readonly Reservation[]): string | null {
    const budget = this.budget();
    if (!budget) return null;
    const spent = this.spent();
    let tokens = spent.tokens;
    let costUsd = spent.costUsd;
    for (const r of [...this.held.values(), ...more]) {
      tokens += r.tokens;
      costUsd += r.costUsd;
    }
    if (budget.maxTokens !== null && tokens > budget.maxTokens) {
      return spent.tokens >= budget.maxTokens
        ? 'The session has used its token budget.'
        : `Not enough of the token budget is left for this: an answer may use up to ${more.at(-1)?.tokens ?? 0} tokens.`;
    }
    if (budget.maxCostUsd !== null && costUsd > budget.maxCostUsd) {
      return spent.costUsd >= budget.maxCostUsd
        ? 'The session has used its cost budget.'
        : 'Not enough of the cost budget is left for this answer.';
    }
    return null;
  }
}
