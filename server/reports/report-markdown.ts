import { clock, type ReportModel } from './report-model';
import { activityTimes, REPORT_TEXT, reportDate, term, type ReportLang } from './report-text';

/** The report as Markdown: for pasting into a hiring tool or a ticket. */
export function reportMarkdown(model: ReportModel, lang: ReportLang = 'en'): string {
  const t = REPORT_TEXT[lang];
  const s = model.summary;
  const lines: string[] = [];
  lines.push(`# ${model.title} — ${t.report}`, '');
  lines.push(`- ${t.candidate}: ${model.candidate ?? t.candidateHidden}`);
  lines.push(`- ${capitalize(t.exerciseVersion(model.exerciseVersion))}`);
  const ended = model.endReason ? term(t.endReasons, model.endReason) : '—';
  lines.push(`- ${t.started}: ${reportDate(model.startedAt, lang)}; ${t.duration} ${clock(s.durationMs)}; ${t.ended}: ${ended}`, '');

  lines.push(`## ${t.summary}`, '');
  lines.push(`| ${t.figure} | ${t.value} |`, '| --- | --- |');
  lines.push(`| ${t.timeToFirstPrompt} | ${clock(s.timeToFirstPromptMs)} |`);
  lines.push(`| ${t.promptVersions} | ${s.versions} |`, `| ${capitalize(t.chatAnswers)} | ${s.turns} |`, `| ${capitalize(t.testRuns)} | ${s.testRuns} |`);
  lines.push(`| ${t.flagsBreakdown} | ${s.flags.wrong} / ${s.flags.unethical} / ${s.flags.good} |`);
  lines.push(`| ${t.tokensInOut} | ${s.tokens.input} / ${s.tokens.output} |`, `| ${capitalize(t.cost)} | $${s.costUsd.toFixed(4)} |`);
  lines.push(`| ${t.focusLossesPastes} | ${s.focusLosses} / ${s.pastes} |`, '');
  lines.push(`${t.timePerActivity}: ${activityTimes(t, s).join(', ')}`, '');

  if (s.passRateByVersion.length) {
    lines.push(`## ${t.passRateByVersion}`, '', `| ${t.version} | ${t.passed} | ${t.rate} |`, '| --- | --- | --- |');
    for (const v of s.passRateByVersion) lines.push(`| ${v.number ? `v${v.number} ${cell(v.label)}` : t.draft} | ${v.passed}/${v.total} | ${v.rate === null ? '—' : `${Math.round(v.rate * 100)} %`} |`);
    lines.push('');
  }

  lines.push(`## ${t.rubric}`, '');
  if (s.scores.length === 0) lines.push(t.noScores, '');
  else {
    const scorers = model.scorers;
    lines.push(`| ${t.criterion.toLowerCase()} | ${scorers.map((x) => cell(x.name ?? x.role)).join(' | ')} | ${t.spread.toLowerCase()} |`, `| --- | ${scorers.map(() => '---').join(' | ')} | --- |`);
    for (const c of s.scores) {
      const title = model.criteria.find((x) => x.id === c.criterionId)?.title ?? c.criterionId;
      lines.push(`| ${cell(title)} | ${scorers.map((x) => c.levels.find((l) => l.scorerId === x.id)?.level ?? '—').join(' | ')} | ${c.spread ?? '—'} |`);
    }
    lines.push('', t.agreement(s.agreement === null ? null : Math.round(s.agreement * 100)), '');
  }

  if (model.questions.length) {
    lines.push(`## ${t.questions}`, '');
    for (const q of model.questions) lines.push(`- [${q.asked ? 'x' : ' '}] ${q.text}${q.notes ? ` — ${q.notes}` : ''}`);
    lines.push('');
  }

  lines.push(`## ${t.notes}`, '');
  if (model.notes.length === 0) lines.push(t.noNotes);
  for (const n of model.notes) {
    const tags = n.tags.map((tag) => term(t.noteTags, tag));
    lines.push(`- **${clock(n.offsetMs)}**${n.author ? ` ${n.author}` : ''}${tags.length ? ` _${tags.join(', ')}_` : ''}: ${n.text.replace(/\n/g, ' ')}`);
  }
  lines.push('');

  lines.push(`## ${t.flags}`, '');
  if (model.flags.length === 0) lines.push(t.noFlags);
  for (const f of model.flags) lines.push(`- **${term(t.flagKinds, f.kind)}**: ${f.reason || t.noReason}`);
  lines.push('');

  lines.push(`## ${t.versions}`, '');
  if (model.versions.length === 0) lines.push(t.noVersion, '');
  for (const v of model.versions) {
    lines.push(`### v${v.number} — ${v.label}`, '', v.rationale ? `> ${v.rationale.replace(/\n/g, '\n> ')}` : `> ${t.noRationale}`, '');
    if (v.diff) lines.push(t.changesLegend, '', '```', v.diff.map((p) => (p.op === 'equal' ? p.text : p.op === 'delete' ? `[-${p.text}-]` : `{+${p.text}+}`)).join(''), '```', '');
    else lines.push('```', v.text, '```', '');
  }

  lines.push(`## ${t.writeup}`, '', model.writeup || t.none, '');
  return lines.join('\n');
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
