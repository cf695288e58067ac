import type { Budget } from './exercise';

// What is left of a session's budget, the same on the server and in every view.

export interface Spending {
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
}

/** Tokens and dollars left; null where the exercise sets no limit. */
export function budgetLeft(budget: Budget, spent: Spending): { tokens: number | null; costUsd: number | null } {
  return {
    tokens: budget.maxTokens === null ? null : Math.max(0, budget.maxTokens - spent.inputTokens - spent.outputTokens),
    costUsd: budget.maxCostUsd === null ? null : Math.max(0, budget.maxCostUsd - spent.costUsd),
  };
}

/** True once either limit is reached: no answer can start any more. */
export function budgetSpent(budget: Budget, spent: Spending): boolean {
  const left = budgetLeft(budget, spent);
  return left.tokens === 0 || left.costUsd === 0;
}

/** What a session has spent: its answers and its judges together (the budget counts both). */
export function spentOf(state: { totals: Spending; judgeTotals?: Spending }): Spending {
  const judge = state.judgeTotals ?? { inputTokens: 0, outputTokens: 0, costUsd: 0 };
  return {
    inputTokens: state.totals.inputTokens + judge.inputTokens,
    outputTokens: state.totals.outputTokens + judge.outputTokens,
    costUsd: state.totals.costUsd + judge.costUsd,
  };
}
