import { clock, type ReportModel } from './report-model';

/** The report as Markdown: for pasting into a hiring tool or a ticket. */
export function reportMarkdown(model: ReportModel): string {
  const s = model.summary;
  const lines: string[] = [];
  lines.push(`# ${model.title} — interview report`, '');
  lines.push(`- Candidate: ${model.candidate ?? '(hidden or not given)'}`);
  lines.push(`- Exercise version: ${model.exerciseVersion}`);
  lines.push(`- Started: ${model.startedAt ? new Date(model.startedAt).toISOString() : '—'}; duration ${clock(s.durationMs)}; ended: ${model.endReason ?? '—'}`, '');

  lines.push('## Summary', '');
  lines.push('| figure | value |', '| --- | --- |');
  lines.push(`| time to first prompt | ${clock(s.timeToFirstPromptMs)} |`);
  lines.push(`| prompt versions | ${s.versions} |`, `| chat answers | ${s.turns} |`, `| test runs | ${s.testRuns} |`);
  lines.push(`| flags (wrong / unethical / good) | ${s.flags.wrong} / ${s.flags.unethical} / ${s.flags.good} |`);
  lines.push(`| tokens in / out | ${s.tokens.input} / ${s.tokens.output} |`, `| cost | $${s.costUsd.toFixed(4)} |`);
  lines.push(`| focus losses / pastes | ${s.focusLosses} / ${s.pastes} |`, '');
  lines.push('Time per activity: ' + Object.entries(s.timePerActivityMs).map(([a, ms]) => `${a} ${clock(ms)}`).join(', '), '');

  if (s.passRateByVersion.length) {
    lines.push('## Pass rate by version', '', '| version | passed | rate |', '| --- | --- | --- |');
    for (const v of s.passRateByVersion) lines.push(`| ${v.number ? `v${v.number} ${cell(v.label)}` : 'draft'} | ${v.passed}/${v.total} | ${v.rate === null ? '—' : `${Math.round(v.rate * 100)} %`} |`);
    lines.push('');
  }

  lines.push('## Rubric', '');
  if (s.scores.length === 0) lines.push('No scores yet.', '');
  else {
    const scorers = model.scorers;
    lines.push(`| criterion | ${scorers.map((x) => cell(x.name ?? x.role)).join(' | ')} | spread |`, `| --- | ${scorers.map(() => '---').join(' | ')} | --- |`);
    for (const c of s.scores) {
      const title = model.criteria.find((x) => x.id === c.criterionId)?.title ?? c.criterionId;
      lines.push(`| ${cell(title)} | ${scorers.map((x) => c.levels.find((l) => l.scorerId === x.id)?.level ?? '—').join(' | ')} | ${c.spread ?? '—'} |`);
    }
    lines.push('', `Agreement: ${s.agreement === null ? '— (one scorer)' : `${Math.round(s.agreement * 100)} % of criteria within one level`}`, '');
  }

  if (model.questions.length) {
    lines.push('## Interview questions', '');
    for (const q of model.questions) lines.push(`- [${q.asked ? 'x' : ' '}] ${q.text}${q.notes ? ` — ${q.notes}` : ''}`);
    lines.push('');
  }

  lines.push('## Notes', '');
  if (model.notes.length === 0) lines.push('No notes.');
  for (const n of model.notes) lines.push(`- **${clock(n.offsetMs)}**${n.author ? ` ${n.author}` : ''}${n.tags.length ? ` _${n.tags.join(', ')}_` : ''}: ${n.text.replace(/\n/g, ' ')}`);
  lines.push('');

  lines.push('## Flags', '');
  if (model.flags.length === 0) lines.push('No flags.');
  for (const f of model.flags) lines.push(`- **${f.kind}**: ${f.reason || '(no reason given)'}`);
  lines.push('');

  lines.push('## Prompt versions', '');
  for (const v of model.versions) {
    lines.push(`### v${v.number} — ${v.label}`, '', v.rationale ? `> ${v.rationale.replace(/\n/g, '\n> ')}` : '> (no rationale)', '');
    if (v.diff) lines.push('Changes from the previous version (`[-removed-]` `{+added+}`):', '', '```', v.diff.map((p) => (p.op === 'equal' ? p.text : p.op === 'delete' ? `[-${p.text}-]` : `{+${p.text}+}`)).join(''), '```', '');
    else lines.push('```', v.text, '```', '');
  }

  lines.push('## Write-up', '', model.writeup || '(none)', '');
  return lines.join('\n');
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
