import { casePasses, passRateOf } from '../../../../shared/runs';
import type { Flag, PromptVersion, SessionState } from '../../../../shared/state';

// The write-up's starting point, built from the candidate's own work: for each answer they
// flagged wrong or unethical, the version saved next (a guess they correct: "the version
// that fixed it") and how it was checked (the test runs of that version). Markdown, inserted
// only on request and never over typed text. Pure: the words come from the caller (i18n).
// (Relative import of shared/: unit-tested in node without the $shared alias.)

export interface TemplateWords {
  title: string;
  flagHeading: (n: number, kind: string, reason: string) => string;
  where: (place: string, time: string) => string;
  answer: (text: string) => string;
  fixedBy: string;
  noVersionYet: string;
  checked: string;
  caseResult: (version: string, passed: number, graded: number) => string;
  runResult: (version: string, passed: number, graded: number) => string;
  notChecked: string;
  stillOpen: string;
  stillOpenHint: string;
  versionsTitle: string;
  noFlags: string;
  kindName: (kind: Flag['kind']) => string;
  placeOf: (flag: Flag) => string;
  time: (ms: number) => string;
}

const EXCERPT_CHARS = 140;

export function writeupTemplate(state: SessionState, words: TemplateWords): string {
  const flags = Object.values(state.flags)
    .filter((f) => f.kind !== 'good')
    .sort((a, b) => a.at - b.at);
  const lines: string[] = [`## ${words.title}`, ''];
  if (flags.length === 0) lines.push(`_${words.noFlags}_`, '');
  flags.forEach((flag, i) => {
    const turn = state.turns[flag.turnId];
    const version = versionAfter(state.prompt.versions, flag.at);
    lines.push(`### ${words.flagHeading(i + 1, words.kindName(flag.kind), oneLine(flag.reason))}`, '');
    lines.push(`- ${words.where(words.placeOf(flag), words.time(turn?.startedAt ?? flag.at))}`);
    if (turn?.text) lines.push(`- ${words.answer(oneLine(excerpt(turn.text)))}`);
    lines.push(
      `- **${words.fixedBy}** ${version ? versionName(version) + (version.rationale ? ` — ${oneLine(version.rationale)}` : '') : `_${words.noVersionYet}_`}`,
    );
    lines.push(`- **${words.checked}** ${version ? howChecked(state, version, turn?.caseId ?? null, words) : `_${words.notChecked}_`}`);
    lines.push('');
  });
  lines.push(`## ${words.stillOpen}`, '', `- _${words.stillOpenHint}_`, '');
  if (state.prompt.versions.length > 0) {
    lines.push(`## ${words.versionsTitle}`, '');
    for (const v of state.prompt.versions) lines.push(`- ${versionName(v)}${v.rationale ? ` — ${oneLine(v.rationale)}` : ''}`);
    lines.push('');
  }
  return lines.join('\n');
}

/** The first version saved after the flag: what the candidate changed next. */
function versionAfter(versions: readonly PromptVersion[], at: number): PromptVersion | null {
  return versions.find((v) => v.at >= at) ?? null;
}

function howChecked(state: SessionState, version: PromptVersion, caseId: string | null, words: TemplateWords): string {
  const runs = state.testRunOrder.map((id) => state.testRuns[id]).filter((r) => r && r.versionId === version.id && r.status === 'finished');
  const run = runs.at(-1);
  if (!run) return `_${words.notChecked}_`;
  // A flagged test answer: that case's result on the fixing version says the most.
  if (caseId && run.cases[caseId]) {
    const { passed, graded } = casePasses(run, caseId);
    if (graded > 0) return words.caseResult(`v${version.number}`, passed, graded);
  }
  const rate = passRateOf(run);
  return words.runResult(`v${version.number}`, rate.passed, rate.graded);
}

function versionName(v: PromptVersion): string {
  return `v${v.number} · ${oneLine(v.label)}`;
}

function excerpt(text: string): string {
  return text.length > EXCERPT_CHARS ? `${text.slice(0, EXCERPT_CHARS).trimEnd()}…` : text;
}

/** Candidate text inside one Markdown list line: no line breaks, no heading or list marks leaking. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * The write-up with the template added: the template alone when nothing is typed, otherwise
 * the typed text kept as it is and the template below it.
 */
export function withTemplate(typed: string, template: string): string {
  if (!typed.trim()) return template;
  return `${typed.replace(/\s+$/, '')}\n\n${template}`;
}
