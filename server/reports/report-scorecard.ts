import { answerNameOf, type AnswerName } from '../../shared/answer-label';
import type { RubricCriterion } from '../../shared/exercise';
import { passRateOf } from '../../shared/runs';
import type { SessionState, TestRun } from '../../shared/state';
import type { CriterionScores } from '../../shared/summary';

// The parts of a report a hiring committee acts on: per criterion each scorer's level with
// their comment and evidence (deep links into the replay), and each test case's results per
// prompt version. Built from the state the reader may see; the renderers only lay it out.

/** Where a piece of evidence or a flagged answer is in the replay. */
export type ReplayLink = (at: number, turnId: string | null) => string;

export interface EvidenceItem {
  offsetMs: number | null;
  /** The shared answer name (shared/answer-label.ts); formatted by the renderer in its language. */
  answer: AnswerName | null;
  version: number | null;
  href: string;
}

export interface ScorecardRow {
  scorer: string | null;
  role: string;
  level: number | null;
  /** Not submitted yet: shown, marked, out of the mean. */
  draft: boolean;
  comment: string;
  evidence: EvidenceItem[];
}

export interface ScorecardCriterion {
  id: string;
  title: string;
  mean: number | null;
  spread: number | null;
  rows: ScorecardRow[];
}

export interface CaseResults {
  /** One column per prompt version with a finished run (its latest), then the draft. */
  columns: { version: number | null; repeat: number }[];
  rows: { caseTitle: string; cells: ({ passed: number; graded: number; ungraded: number } | null)[] }[];
}

export function scorecardOf(
  state: SessionState,
  criteria: RubricCriterion[],
  scores: CriterionScores[],
  link: ReplayLink,
): ScorecardCriterion[] {
  const start = state.startedAt;
  const ordered = [...criteria.map((c) => c.id), ...scores.map((s) => s.criterionId).filter((id) => !criteria.some((c) => c.id === id))];
  return ordered.flatMap((id) => {
    const summary = scores.find((s) => s.criterionId === id);
    const rows: ScorecardRow[] = Object.values(state.scorers).flatMap((scorer) => {
      const score = scorer.scores[id];
      if (!score || (score.level === null && !score.comment && score.evidence.length === 0)) return [];
      return [
        {
          scorer: scorer.name,
          role: scorer.role,
          level: score.level,
          draft: scorer.submittedAt === null,
          comment: score.comment,
          evidence: score.evidence.map((e) => {
            const versionId = e.versionId ?? (e.turnId ? (state.turns[e.turnId]?.promptVersionId ?? null) : null);
            return {
              offsetMs: start === null ? null : e.at - start,
              answer: e.turnId ? answerNameOf(state, e.turnId) : null,
              version: versionId ? (state.prompt.versions.find((v) => v.id === versionId)?.number ?? null) : null,
              href: link(e.at, e.turnId ?? null),
            };
          }),
        },
      ];
    });
    if (rows.length === 0) return [];
    return [
      { id, title: criteria.find((c) => c.id === id)?.title ?? id, mean: summary?.mean ?? null, spread: summary?.spread ?? null, rows },
    ];
  });
}

export function caseResultsOf(state: SessionState): CaseResults {
  const latest = new Map<string | null, TestRun>();
  for (const id of state.testRunOrder) {
    const run = state.testRuns[id]!;
    if (run.status !== 'running') latest.set(run.versionId, run);
  }
  const order = [...state.prompt.versions.map((v) => v.id), null].filter((versionId) => latest.has(versionId));
  const runs = order.map((versionId) => latest.get(versionId)!);
  // The exercise's order, then cases since removed that a run still holds.
  const caseIds = [...new Set([...state.testCaseOrder, ...runs.flatMap((run) => run.caseIds)])].filter((caseId) =>
    runs.some((run) => run.cases[caseId]),
  );
  return {
    columns: order.map((versionId, i) => ({
      version: state.prompt.versions.find((v) => v.id === versionId)?.number ?? null,
      repeat: runs[i]!.repeat,
    })),
    rows: caseIds.map((caseId) => ({
      caseTitle: state.testCases[caseId]?.title || caseId,
      cells: runs.map((run) => {
        const one = run.cases[caseId];
        if (!one) return null;
        const rate = passRateOf({ ...run, caseIds: [caseId], cases: { [caseId]: one } });
        return { passed: rate.passed, graded: rate.graded, ungraded: rate.ungraded };
      }),
    })),
  };
}
