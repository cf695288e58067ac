import { wordDiff, type DiffPart } from '../../shared/diff';
import type { SessionEvent } from '../../shared/events';
import type { ExerciseContent } from '../../shared/exercise';
import { reduceAll } from '../../shared/reducer';
import type { SessionState } from '../../shared/state';
import { summarize, type SessionSummary } from '../../shared/summary';

// Everything a report shows, gathered once from what the reader may see; the Markdown and
// HTML renderers only lay it out.

export interface ReportModel {
  title: string;
  exerciseVersion: number;
  candidate: string | null;
  startedAt: number | null;
  endedAt: number | null;
  endReason: string | null;
  summary: SessionSummary;
  criteria: { id: string; title: string }[];
  scorers: { id: string; name: string | null; role: string; submitted: boolean }[];
  questions: { id: string; text: string; asked: boolean; notes: string }[];
  versions: { number: number; label: string; rationale: string; text: string; diff: DiffPart[] | null }[];
  notes: { offsetMs: number | null; author: string | null; tags: string[]; text: string }[];
  flags: { kind: string; reason: string; answer: string }[];
  writeup: string;
}

export function buildReportModel(events: readonly SessionEvent[], exercise: ExerciseContent | undefined): ReportModel {
  const state: SessionState = reduceAll(events);
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
    startedAt: state.startedAt,
    endedAt: state.endedAt,
    endReason: state.endReason,
    summary: summarize(events, state),
    criteria: (exercise?.rubric ?? []).map((c) => ({ id: c.id, title: c.title })),
    scorers: Object.values(state.scorers).map((s) => ({ id: s.id, name: s.name, role: s.role, submitted: s.submittedAt !== null })),
    questions: (exercise?.questions ?? []).map((q) => ({ id: q.id, text: q.text, asked: state.questions[q.id]?.asked ?? false, notes: state.questions[q.id]?.notes ?? '' })),
    versions,
    notes: [...state.notes]
      .sort((a, b) => a.pinnedAt - b.pinnedAt)
      .map((n) => ({ offsetMs: start === null ? null : n.pinnedAt - start, author: n.authorName, tags: n.tags, text: n.text })),
    flags: Object.values(state.flags).map((f) => ({ kind: f.kind, reason: f.reason, answer: state.turns[f.turnId]?.text ?? '' })),
    writeup: state.writeup.text,
  };
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
