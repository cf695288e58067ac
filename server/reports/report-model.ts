import { wordDiff, type DiffPart } from '../../shared/diff';
import type { SessionEvent } from '../../shared/events';
import type { ExerciseContent } from '../../shared/exercise';
import { checkVerdict, type Verdict } from '../../shared/verdict';
import { reduceAll } from '../../shared/reducer';
import { checkKey, type SessionState } from '../../shared/state';
import { answerNameOf, type AnswerName } from '../../shared/answer-label';
import { summarize, type SessionSummary } from '../../shared/summary';
import { caseResultsOf, scorecardOf, type CaseResults, type ReplayLink, type ScorecardCriterion } from './report-scorecard';

// Everything a report shows, gathered once from what the reader may see; the Markdown and
// HTML renderers only lay it out.

export interface ReportModel {
  title: string;
  exerciseVersion: number;
  candidate: string | null;
  /** Blind review: the name is hidden from this reader, and the report says so. */
  blind: boolean;
  startedAt: number | null;
  endedAt: number | null;
  endReason: string | null;
  summary: SessionSummary;
  criteria: { id: string; title: string }[];
  /** Per criterion, each scorer's level, comment and evidence. */
  scorecard: ScorecardCriterion[];
  /** Each test case's result per prompt version. */
  caseResults: CaseResults;
  scorers: { id: string; name: string | null; role: string; submitted: boolean }[];
  questions: { id: string; text: string; asked: boolean; notes: string }[];
  versions: { number: number; label: string; rationale: string; text: string; diff: DiffPart[] | null }[];
  notes: { offsetMs: number | null; author: string | null; tags: string[]; text: string }[];
  flags: { kind: string; reason: string; answer: string; name: AnswerName | null; offsetMs: number | null; href: string }[];
  /** Each automatic check staff labelled: the automatic verdict, the staff's (the latest), who and why. */
  labelledChecks: LabelledCheck[];
  /** Head-to-head comparisons and the candidate's verdicts. */
  comparisons: { text: string; sides: { side: string; version: string | null; model: string }[]; winner: string | null; reason: string }[];
  writeup: string;
}

export interface LabelledCheck {
  version: string | null;
  caseTitle: string;
  /** From 1; a stability run has several. */
  answer: number;
  kind: string;
  detail: string;
  automatic: Verdict;
  /** llm_rubric: the judge's score and whether it was the simulated judge. */
  score: number | null;
  simulated: boolean;
  staff: 'pass' | 'fail';
  /** The name of who decided, when known. */
  by: string | null;
  byRole: string;
  reason: string;
  /** Earlier labels of the same check, replaced by this one. */
  earlier: number;
}

/**
 * `replayLink` makes the deep links into the replay (evidence, flagged answers); `accountName`
 * names a scorer who scored with a staff account by that account's current name (a rename
 * shows in every report), others by the name they scored under.
 */
export function buildReportModel(
  events: readonly SessionEvent[],
  exercise: ExerciseContent | undefined,
  replayLink: ReplayLink = () => '',
  accountName: (accountId: string) => string | undefined = () => undefined,
): ReportModel {
  const state: SessionState = namedByAccount(reduceAll(events), accountName);
  const summary = summarize(events, state);
  const start = state.startedAt;
  const versions = state.prompt.versions.map((v, i) => ({
    number: v.number,
    label: v.label,
    rationale: v.rationale,
    text: v.text,
    diff: i === 0 ? null : wordDiff(state.prompt.versions[i - 1]!.text, v.text),
  }));
  return {
    title: state.exercise?.title ?? exercise?.title ?? 'Session',
    exerciseVersion: state.exercise?.version ?? 0,
    candidate: state.candidateName,
    blind: state.review.blind && state.candidateName === null,
    startedAt: state.startedAt,
    endedAt: state.endedAt,
    endReason: state.endReason,
    summary,
    criteria: (exercise?.rubric ?? []).map((c) => ({ id: c.id, title: c.title })),
    scorecard: scorecardOf(state, exercise?.rubric ?? [], summary.scores, replayLink),
    caseResults: caseResultsOf(state),
    scorers: Object.values(state.scorers).map((s) => ({ id: s.id, name: s.name, role: s.role, submitted: s.submittedAt !== null })),
    questions: (exercise?.questions ?? []).map((q) => ({
      id: q.id,
      text: q.text,
      asked: state.questions[q.id]?.asked ?? false,
      notes: state.questions[q.id]?.notes ?? '',
    })),
    versions,
    notes: [...state.notes]
      .sort((a, b) => a.pinnedAt - b.pinnedAt)
      .map((n) => ({ offsetMs: start === null ? null : n.pinnedAt - start, author: n.authorName, tags: n.tags, text: n.text })),
    flags: Object.values(state.flags)
      .sort((a, b) => a.at - b.at)
      .map((f) => {
        const at = state.turns[f.turnId]?.startedAt ?? f.at;
        return {
          kind: f.kind,
          reason: f.reason,
          answer: state.turns[f.turnId]?.text ?? '',
          name: answerNameOf(state, f.turnId),
          offsetMs: start === null ? null : at - start,
          href: replayLink(at, f.turnId),
        };
      }),
    labelledChecks: labelledChecks(state),
    comparisons: state.comparisonOrder.flatMap((id) => {
      const c = state.comparisons[id];
      if (!c) return [];
      const sides = c.sides.map((s) => {
        const turn = state.turns[s.turnId];
        return {
          side: s.side,
          version: versionName(state, s.versionId),
          model: turn ? (turn.simulated ? `${turn.modelId} (simulator)` : turn.modelId) : '',
        };
      });
      return [{ text: c.text, sides, winner: c.verdict?.winner ?? null, reason: c.verdict?.reason ?? '' }];
    }),
    writeup: state.writeup.text,
  };
}

function versionName(state: SessionState, versionId: string | null): string | null {
  const version = state.prompt.versions.find((v) => v.id === versionId);
  return version ? `v${version.number}` : null;
}

function labelledChecks(state: SessionState): LabelledCheck[] {
  const out: LabelledCheck[] = [];
  for (const runId of state.testRunOrder) {
    const run = state.testRuns[runId];
    if (!run) continue;
    for (const caseId of run.caseIds) {
      run.cases[caseId]?.answers.forEach((answer, answerIndex) => {
        answer.checks.forEach((check, checkIndex) => {
          const labels = state.checkLabels[checkKey(runId, caseId, answerIndex, checkIndex)];
          const latest = labels?.at(-1);
          if (!latest) return;
          out.push({
            version: versionName(state, run.versionId),
            caseTitle: state.testCases[caseId]?.title || caseId,
            answer: answerIndex + 1,
            kind: check.kind,
            detail: check.detail,
            automatic: checkVerdict(check),
            score: check.score ?? null,
            simulated: check.simulated === true,
            staff: latest.verdict,
            by: latest.byName,
            byRole: latest.byRole,
            reason: latest.reason,
            earlier: (labels?.length ?? 1) - 1,
          });
        });
      });
    }
  }
  return out;
}

/** `m:ss` from the start of the session. */
export function clock(ms: number | null): string {
  if (ms === null) return '—';
  const total = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

function namedByAccount(state: SessionState, accountName: (accountId: string) => string | undefined): SessionState {
  const scorers = Object.fromEntries(
    Object.entries(state.scorers).map(([id, scorer]) => [
      id,
      { ...scorer, name: (scorer.accountId && accountName(scorer.accountId)) || scorer.name },
    ]),
  );
  return { ...state, scorers };
}
