import { clock, type ReportModel } from './report-model';
import { activityTimes, kappaText, percent, REPORT_TEXT, reportDate, term, type ReportLang } from './report-text';

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
  if (s.judge.calls > 0) lines.push(`| ${t.judgeCost} | ${t.judgeGradings(s.judge.calls, s.judge.simulated)}; ${s.judge.tokens.input} / ${s.judge.tokens.output}; $${s.judge.costUsd.toFixed(4)} |`);
  lines.push(`| ${t.focusLossesPastes} | ${s.focusLosses} / ${s.pastes} |`, '');
  lines.push(`${t.timePerActivity}: ${activityTimes(t, s).join(', ')}`, '');

  if (s.passRateByVersion.length) {
    lines.push(`## ${t.passRateByVersion}`, '', `| ${t.version} | ${t.graded} | ${t.rate} | ${t.roundSpread} | ${t.ungraded} | ${t.answersPerCase} |`, '| --- | --- | --- | --- | --- | --- |');
    for (const v of s.passRateByVersion) {
      const spread = v.spread ? `${percent(v.spread.min)}–${percent(v.spread.max)}` : '—';
      lines.push(`| ${v.number ? `v${v.number} ${cell(v.label)}` : t.draft} | ${v.passed}/${v.graded} | ${percent(v.rate)} | ${spread} | ${v.ungraded} | ${v.repeat} |`);
    }
    lines.push('');
  }

  lines.push(`## ${t.checksReviewed}`, '');
  if (model.labelledChecks.length === 0) lines.push(t.noChecksReviewed, '');
  else {
    lines.push(t.checksReviewedLegend, '', `| ${t.version} | ${t.caseCol} | ${t.answerCol} | ${t.checkCol} | ${t.automaticCol} | ${t.staffCol} | ${t.byCol} | ${t.reasonCol} |`, '| --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const c of model.labelledChecks) {
      const automatic = `${t.verdicts[c.automatic]}${c.score !== null ? ` (${c.score.toFixed(2)})` : ''}${c.simulated ? `, ${t.simulatedJudge}` : ''}`;
      lines.push(`| ${c.version ?? t.draft} | ${cell(c.caseTitle)} | ${c.answer} | ${cell(`${c.kind}: ${c.detail}`)} | ${automatic} | **${t.verdicts[c.staff]}** | ${cell(c.by ?? term(t.roles, c.byRole))} | ${cell(c.reason) || '—'} |`);
    }
    lines.push('');
  }
  lines.push(t.judgeAgreement(kappaText(s.judgeAgreement.kappa, lang), s.judgeAgreement.count, s.judgeAgreement.agreed), '');
  lines.push(t.checkAgreement(kappaText(s.checkAgreement.kappa, lang), s.checkAgreement.count, s.checkAgreement.agreed), '', `_${t.agreementNote}_`, '');

  lines.push(`## ${t.headToHead}`, '');
  if (model.comparisons.length === 0) lines.push(t.noHeadToHead, '');
  model.comparisons.forEach((c, i) => {
    const sides = c.sides.map((x) => `${t.sideLabel(x.side)}: ${x.version ?? t.draft}, ${x.model}`).join(' · ');
    lines.push(`${i + 1}. “${c.text.replace(/\n/g, ' ')}” — ${sides} — **${c.winner ? term(t.winners, c.winner) : t.noVerdict}**${c.reason ? `: ${c.reason.replace(/\n/g, ' ')}` : ''}`);
  });
  if (model.comparisons.length > 0) lines.push('');

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
