import { checkAgreement, type Agreement } from './agreement';
import type { CompareWinner, SessionEvent } from './events';
import { reduceAll } from './reducer';
import { passRateOf } from './runs';
import { isChatTurn, type SessionState } from './state';

// The figures a reviewer reads first: how the candidate spent the session and how their
// prompts improved. Computed from the log, so the live summary, the replay and the report agree.

export type Activity = 'prompting' | 'chatting' | 'testing' | 'flagging' | 'writing';

export interface VersionPassRate {
  versionId: string | null;
  label: string;
  number: number | null;
  /** Answers that passed, over answers graded pass or fail (a stability run counts each of a case's answers). */
  passed: number;
  graded: number;
  /** Answers a judge could not grade: in neither count. */
  ungraded: number;
  rate: number | null;
  /** Answers per case in that run. */
  repeat: number;
  /** A stability run: the lowest and highest pass rate over its rounds. */
  spread: { min: number; max: number } | null;
}

export interface CriterionScores {
  criterionId: string;
  /** Every scorer's level; `draft` until that scorer submitted their review. */
  levels: { scorerId: string; scorerName: string | null; level: number | null; draft: boolean }[];
  /** Over submitted levels only: a draft can still change. */
  spread: number | null;
  mean: number | null;
}

export interface SessionSummary {
  durationMs: number | null;
  timeToFirstPromptMs: number | null;
  versions: number;
  /** Chat answers only. */
  turns: number;
  /** Every answer (chat, test runs, comparisons): what "Answers" counts in the admin list and dashboard. */
  answers: number;
  testRuns: number;
  flags: Record<'wrong' | 'unethical' | 'good', number>;
  tokens: { input: number; output: number };
  costUsd: number;
  timePerActivityMs: Record<Activity, number>;
  /** Candidate actions per minute since the start, for the activity chart. */
  activityPerMinute: number[];
  passRateByVersion: VersionPassRate[];
  scores: CriterionScores[];
  /** Share of criteria (with two submitted levels or more) whose levels differ by at most one; null with fewer than two. */
  agreement: number | null;
  /** How many criteria the agreement is over. */
  agreementCriteria: number;
  /** What judges used grading llm_rubric checks: counted in the budget, shown apart from the answers. */
  judge: { calls: number; tokens: { input: number; output: number }; costUsd: number; simulated: number };
  /** Cohen's κ between the judge's verdicts and the staff's labels (overrides and confirmations), with the count. */
  judgeAgreement: Agreement;
  /** The same over every kind of automatic check. */
  checkAgreement: Agreement;
  /** Staff labels that changed an automatic verdict. */
  overrides: number;
  /** Head-to-head comparisons, and the candidate's verdicts on them. */
  comparisons: { count: number; verdicts: Record<CompareWinner, number> };
  focusLosses: number;
  pastes: number;
}

const ACTIVITY_OF: Partial<Record<SessionEvent['type'], Activity>> = {
  'prompt.draft': 'prompting',
  'prompt.version': 'prompting',
  'message.sent': 'chatting',
  'turn.started': 'chatting',
  'testcase.saved': 'testing',
  'testcase.removed': 'testing',
  'testrun.started': 'testing',
  'flag.set': 'flagging',
  'flag.cleared': 'flagging',
  'writeup.updated': 'writing',
};

/** A gap longer than this between two actions counts as idle, not as time on the first one. */
const IDLE_AFTER_MS = 2 * 60_000;

export function summarize(events: readonly SessionEvent[], state: SessionState = reduceAll(events)): SessionSummary {
  const start = state.startedAt;
  const end = state.endedAt ?? events.at(-1)?.at ?? null;
  const actions = events.filter(
    (e) => e.actor.role === 'candidate' && ACTIVITY_OF[e.type] !== undefined && (start === null || e.at >= start),
  );
  const firstPrompt = actions.find((e) => e.type === 'prompt.draft' || e.type === 'prompt.version' || e.type === 'message.sent');

  const timePerActivityMs: Record<Activity, number> = { prompting: 0, chatting: 0, testing: 0, flagging: 0, writing: 0 };
  actions.forEach((event, i) => {
    const next = actions[i + 1]?.at ?? end ?? event.at;
    timePerActivityMs[ACTIVITY_OF[event.type]!] += Math.min(Math.max(0, next - event.at), IDLE_AFTER_MS);
  });

  const activityPerMinute: number[] = [];
  if (start !== null && end !== null) {
    const minutes = Math.max(1, Math.ceil((end - start) / 60_000));
    for (let m = 0; m < minutes; m++) activityPerMinute.push(0);
    for (const e of actions) {
      const bucket = Math.min(minutes - 1, Math.floor((e.at - start) / 60_000));
      activityPerMinute[bucket]!++;
    }
  }

  const flags = { wrong: 0, unethical: 0, good: 0 };
  for (const flag of Object.values(state.flags)) flags[flag.kind]++;

  const scores = scoresByCriterion(state);
  const comparable = scores.filter((c) => c.levels.filter((l) => l.level !== null && !l.draft).length >= 2);
  return {
    durationMs: start !== null && end !== null ? end - start : null,
    timeToFirstPromptMs: start !== null && firstPrompt ? firstPrompt.at - start : null,
    versions: state.prompt.versions.length,
    turns: state.turnOrder.filter((id) => isChatTurn(state.turns[id]!)).length,
    answers: state.totals.turns,
    testRuns: state.testRunOrder.length,
    flags,
    tokens: { input: state.totals.inputTokens, output: state.totals.outputTokens },
    costUsd: state.totals.costUsd,
    timePerActivityMs,
    activityPerMinute,
    passRateByVersion: passRates(state),
    scores,
    agreement: comparable.length === 0 ? null : comparable.filter((c) => (c.spread ?? 0) <= 1).length / comparable.length,
    agreementCriteria: comparable.length,
    judge: {
      calls: state.judgeTotals.calls,
      tokens: { input: state.judgeTotals.inputTokens, output: state.judgeTotals.outputTokens },
      costUsd: state.judgeTotals.costUsd,
      simulated: Object.values(state.judgings).filter((j) => j.simulated).length,
    },
    judgeAgreement: checkAgreement(state, ['llm_rubric']),
    checkAgreement: checkAgreement(state),
    overrides: Object.values(state.checkLabels).filter((labels) => {
      const last = labels.at(-1);
      return last !== undefined && last.verdict !== last.automatic;
    }).length,
    comparisons: comparisonsOf(state),
    focusLosses: state.activity.focusLosses,
    pastes: state.activity.pastes,
  };
}

/** The latest finished run of each version (and of the unsaved draft), in version order. */
function passRates(state: SessionState): VersionPassRate[] {
  const latest = new Map<string | null, SessionState['testRuns'][string]>();
  for (const id of state.testRunOrder) {
    const run = state.testRuns[id]!;
    if (run.status !== 'running') latest.set(run.versionId, run);
  }
  const order = [...state.prompt.versions.map((v) => v.id), null];
  return order
    .filter((versionId) => latest.has(versionId))
    .map((versionId) => {
      const run = latest.get(versionId)!;
      const version = state.prompt.versions.find((v) => v.id === versionId);
      const rate = passRateOf(run);
      return {
        versionId,
        label: version?.label ?? '',
        number: version?.number ?? null,
        passed: rate.passed,
        graded: rate.graded,
        ungraded: rate.ungraded,
        rate: rate.rate,
        repeat: run.repeat,
        spread: rate.spread,
      };
    });
}

function comparisonsOf(state: SessionState): SessionSummary['comparisons'] {
  const verdicts: Record<CompareWinner, number> = { a: 0, b: 0, tie: 0 };
  for (const id of state.comparisonOrder) {
    const verdict = state.comparisons[id]?.verdict;
    if (verdict) verdicts[verdict.winner]++;
  }
  return { count: state.comparisonOrder.length, verdicts };
}

function scoresByCriterion(state: SessionState): CriterionScores[] {
  const criteria = new Set<string>();
  for (const scorer of Object.values(state.scorers)) for (const id of Object.keys(scorer.scores)) criteria.add(id);
  return [...criteria].map((criterionId) => {
    const levels = Object.values(state.scorers).map((s) => ({
      scorerId: s.id,
      scorerName: s.name,
      level: s.scores[criterionId]?.level ?? null,
      draft: s.submittedAt === null,
    }));
    const given = levels
      .filter((l) => !l.draft)
      .map((l) => l.level)
      .filter((l): l is number => l !== null);
    return {
      criterionId,
      levels,
      spread: given.length ? Math.max(...given) - Math.min(...given) : null,
      mean: given.length ? given.reduce((a, b) => a + b, 0) / given.length : null,
    };
  });
}
