import { formatAnswerName } from '../../shared/answer-label';
import { clock, type ReportModel } from './report-model';
import type { EvidenceItem } from './report-scorecard';
import {
  activityTimes,
  decimal,
  kappaText,
  num,
  percent,
  REPORT_TEXT,
  reportDate,
  term,
  usd,
  type ReportLang,
  type ReportText,
} from './report-text';

/** The report as Markdown: for pasting into a hiring tool or a ticket. */
export function reportMarkdown(model: ReportModel, lang: ReportLang = 'en'): string {
  const t = REPORT_TEXT[lang];
  const s = model.summary;
  const lines: string[] = [];
  lines.push(`# ${model.title} — ${t.report}`, '');
  lines.push(`- ${t.candidate}${colon(lang)} ${model.blind ? `_${t.candidateBlind}_` : (model.candidate ?? t.candidateHidden)}`);
  lines.push(`- ${capitalize(t.exerciseVersion(model.exerciseVersion))}`);
  const ended = model.endReason ? term(t.endReasons, model.endReason) : '—';
  lines.push(`- ${t.started}: ${reportDate(model.startedAt, lang)}; ${t.duration} ${clock(s.durationMs)}; ${t.ended}: ${ended}`, '');

  lines.push(`## ${t.scorecard}`, '');
  if (model.scorecard.length === 0) lines.push(t.noScores, '');
  else lines.push(`_${t.scorecardLegend}_`, '');
  for (const c of model.scorecard) {
    lines.push(`### ${c.title} — ${t.meanSpread(decimal(c.mean, lang), c.spread === null ? '—' : num(c.spread, lang))}`, '');
    lines.push(`| ${t.scorerCol} | ${t.levelCol} | ${t.commentCol} | ${t.evidenceCol} |`, '| --- | --- | --- | --- |');
    for (const row of c.rows) {
      const who = `${cell(row.scorer ?? term(t.roles, row.role))}${row.draft ? ` _(${t.draftScore})_` : ''}`;
      lines.push(
        `| ${who} | ${row.level ?? '—'} | ${cell(row.comment) || '—'} | ${row.evidence.length ? row.evidence.map((e) => evidenceLink(e, t, lang)).join('<br>') : t.noEvidence} |`,
      );
    }
    lines.push('');
  }
  lines.push(t.agreement(s.agreement === null ? null : percent(s.agreement, lang), s.agreementCriteria), '');

  lines.push(`## ${t.summary}`, '');
  lines.push(`| ${t.figure} | ${t.value} |`, '| --- | --- |');
  lines.push(`| ${t.timeToFirstPrompt} | ${clock(s.timeToFirstPromptMs)} |`);
  lines.push(
    `| ${t.promptVersions} | ${num(s.versions, lang)} |`,
    `| ${capitalize(t.chatAnswers)} | ${num(s.turns, lang)} |`,
    `| ${capitalize(t.testRuns)} | ${num(s.testRuns, lang)} |`,
  );
  lines.push(`| ${t.flagsBreakdown} | ${num(s.flags.wrong, lang)} / ${num(s.flags.unethical, lang)} / ${num(s.flags.good, lang)} |`);
  lines.push(
    `| ${t.tokensInOut} | ${num(s.tokens.input, lang)} / ${num(s.tokens.output, lang)} |`,
    `| ${capitalize(t.cost)} | ${usd(s.costUsd, lang)} |`,
  );
  if (s.judge.calls > 0)
    lines.push(
      `| ${t.judgeCost} | ${t.judgeGradings(s.judge.calls, s.judge.simulated)}; ${num(s.judge.tokens.input, lang)} / ${num(s.judge.tokens.output, lang)}; ${usd(s.judge.costUsd, lang)} |`,
    );
  lines.push(`| ${t.focusLossesPastes} | ${num(s.focusLosses, lang)} / ${num(s.pastes, lang)} |`, '');
  lines.push(`${t.timePerActivity}: ${activityTimes(t, s).join(', ')}`, '');

  if (s.passRateByVersion.length) {
    lines.push(
      `## ${t.passRateByVersion}`,
      '',
      `| ${t.version} | ${t.graded} | ${t.rate} | ${t.roundSpread} | ${t.ungraded} | ${t.answersPerCase} |`,
      '| --- | --- | --- | --- | --- | --- |',
    );
    for (const v of s.passRateByVersion) {
      const spread = v.spread ? `${percent(v.spread.min, lang)}–${percent(v.spread.max, lang)}` : '—';
      lines.push(
        `| ${v.number ? `v${v.number} ${cell(v.label)}` : t.draft} | ${num(v.passed, lang)}/${num(v.graded, lang)} | ${percent(v.rate, lang)} | ${spread} | ${num(v.ungraded, lang)} | ${v.repeat} |`,
      );
    }
    lines.push('');
  }

  const cr = model.caseResults;
  if (cr.rows.length) {
    lines.push(`## ${t.caseResults}`, '', t.caseResultsLegend, '');
    lines.push(
      `| ${t.caseCol} | ${cr.columns.map((c) => `${c.version === null ? t.draft : `v${c.version}`}${c.repeat > 1 ? ` (${t.answersRepeat(c.repeat)})` : ''}`).join(' | ')} |`,
      `| --- | ${cr.columns.map(() => '---').join(' | ')} |`,
    );
    for (const row of cr.rows)
      lines.push(
        `| ${cell(row.caseTitle)} | ${row.cells.map((x) => (x ? (x.graded ? `${num(x.passed, lang)}/${num(x.graded, lang)}` : x.ungraded ? t.verdicts.ungraded : '—') : '')).join(' | ')} |`,
      );
    lines.push('');
  }

  lines.push(`## ${t.checksReviewed}`, '');
  if (model.labelledChecks.length === 0) lines.push(t.noChecksReviewed, '');
  else {
    lines.push(
      t.checksReviewedLegend,
      '',
      `| ${t.version} | ${t.caseCol} | ${t.answerCol} | ${t.checkCol} | ${t.automaticCol} | ${t.staffCol} | ${t.byCol} | ${t.reasonCol} |`,
      '| --- | --- | --- | --- | --- | --- | --- | --- |',
    );
    for (const c of model.labelledChecks) {
      const automatic = `${t.verdicts[c.automatic]}${c.score !== null ? ` (${kappaText(c.score, lang)})` : ''}${c.simulated ? `, ${t.simulatedJudge}` : ''}`;
      lines.push(
        `| ${c.version ?? t.draft} | ${cell(c.caseTitle)} | ${c.answer} | ${cell(`${c.kind}: ${c.detail}`)} | ${automatic} | **${t.verdicts[c.staff]}** | ${cell(c.by ?? term(t.roles, c.byRole))} | ${cell(c.reason) || '—'} |`,
      );
    }
    lines.push('');
  }
  lines.push(t.judgeAgreement(kappaText(s.judgeAgreement.kappa, lang), s.judgeAgreement.count, s.judgeAgreement.agreed), '');
  lines.push(
    t.checkAgreement(kappaText(s.checkAgreement.kappa, lang), s.checkAgreement.count, s.checkAgreement.agreed),
    '',
    `_${t.agreementNote}_`,
    '',
  );

  lines.push(`## ${t.headToHead}`, '');
  if (model.comparisons.length === 0) lines.push(t.noHeadToHead, '');
  model.comparisons.forEach((c, i) => {
    const sides = c.sides.map((x) => `${t.sideLabel(x.side)}: ${x.version ?? t.draft}, ${x.model}`).join(' · ');
    lines.push(
      `${i + 1}. “${c.text.replace(/\n/g, ' ')}” — ${sides} — **${c.winner ? term(t.winners, c.winner) : t.noVerdict}**${c.reason ? `: ${c.reason.replace(/\n/g, ' ')}` : ''}`,
    );
  });
  if (model.comparisons.length > 0) lines.push('');

  if (model.questions.length) {
    lines.push(`## ${t.questions}`, '');
    for (const q of model.questions) lines.push(`- [${q.asked ? 'x' : ' '}] ${q.text}${q.notes ? ` — ${q.notes}` : ''}`);
    lines.push('');
  }

  lines.push(`## ${t.notes}`, '');
  if (model.notes.length === 0) lines.push(t.noNotes);
  for (const n of model.notes) {
    const tags = n.tags.map((tag) => term(t.noteTags, tag));
    lines.push(
      `- **${clock(n.offsetMs)}**${n.author ? ` ${n.author}` : ''}${tags.length ? ` _${tags.join(', ')}_` : ''}: ${n.text.replace(/\n/g, ' ')}`,
    );
  }
  lines.push('');

  lines.push(`## ${t.flags}`, '');
  if (model.flags.length === 0) lines.push(t.noFlags);
  for (const f of model.flags) {
    lines.push(
      `- **${term(t.flagKinds, f.kind)}** · ${link(cell(f.name ? formatAnswerName(f.name, lang, t.draft) : t.flaggedAnswer), f.href)} · ${t.evidenceAt(clock(f.offsetMs))}${colon(lang)} ${f.reason.replace(/\n/g, ' ') || t.noReason}`,
    );
    lines.push(`  > ${(f.answer || '—').replace(/\n/g, '\n  > ')}`);
  }
  lines.push('');

  lines.push(`## ${t.versions}`, '');
  if (model.versions.length === 0) lines.push(t.noVersion, '');
  for (const v of model.versions) {
    lines.push(`### v${v.number} — ${v.label}`, '', v.rationale ? `> ${v.rationale.replace(/\n/g, '\n> ')}` : `> ${t.noRationale}`, '');
    if (v.diff)
      lines.push(
        t.changesLegend,
        '',
        '```',
        v.diff.map((p) => (p.op === 'equal' ? p.text : p.op === 'delete' ? `[-${p.text}-]` : `{+${p.text}+}`)).join(''),
        '```',
        '',
      );
    else lines.push('```', v.text, '```', '');
  }

  lines.push(`## ${t.writeup}`, '', model.writeup || t.none, '');
  return lines.join('\n');
}

function evidenceLink(e: EvidenceItem, t: ReportText, lang: ReportLang): string {
  const what = [
    e.answer ? formatAnswerName(e.answer, lang, t.draft) : e.version !== null ? `v${e.version}` : null,
    t.evidenceAt(clock(e.offsetMs)),
  ]
    .filter(Boolean)
    .join(' · ');
  return link(cell(what), e.href);
}

/** A Markdown link whose text (the candidate's words, in an answer's name) cannot close it early. */
function link(text: string, href: string): string {
  const safe = text.replace(/[[\]\\]/g, '\\$&');
  return href ? `[${safe}](<${href}>)` : safe;
}

/** ":" in English, " :" in French. */
function colon(lang: ReportLang): string {
  return lang === 'fr' ? ' :' : ':';
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
