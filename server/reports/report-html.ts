import { clock, type ReportModel } from './report-model';
import { activityTimes, kappaText, percent, REPORT_TEXT, reportDate, term, type ReportLang } from './report-text';

// The printable report (print to PDF from the browser). Everything the candidate or staff
// wrote is escaped and shown as plain text: no markup from the session reaches this page.

export function reportHtml(model: ReportModel, lang: ReportLang = 'en'): string {
  const t = REPORT_TEXT[lang];
  const s = model.summary;
  const ended = model.endReason ? term(t.endReasons, model.endReason) : '';
  const maxActivity = Math.max(1, ...s.activityPerMinute);
  const activityBars = s.activityPerMinute
    .map((n, i) => `<div class="bar" style="height:${Math.round((n / maxActivity) * 100)}%" title="${i}′: ${n}"></div>`)
    .join('');
  const passBars = s.passRateByVersion
    .map(
      (v) =>
        `<tr><td>${v.number ? `v${v.number} ${esc(v.label)}` : t.draft}</td><td class="meter"><span style="width:${Math.round((v.rate ?? 0) * 100)}%"></span></td><td>${v.passed}/${v.graded}</td><td>${v.spread ? `${percent(v.spread.min)}–${percent(v.spread.max)}` : ''}</td><td>${v.ungraded ? `${v.ungraded} ${t.ungraded}` : ''}</td><td>${v.repeat > 1 ? `×${v.repeat}` : ''}</td></tr>`,
    )
    .join('');
  const labelled = model.labelledChecks
    .map((c) => {
      const automatic = `${t.verdicts[c.automatic]}${c.score !== null ? ` (${c.score.toFixed(2)})` : ''}${c.simulated ? `, ${t.simulatedJudge}` : ''}`;
      return `<tr><td>${esc(c.version ?? t.draft)}</td><td>${esc(c.caseTitle)}</td><td class="num">${c.answer}</td><td>${esc(`${c.kind}: ${c.detail}`)}</td><td>${esc(automatic)}</td><td><strong>${esc(t.verdicts[c.staff])}</strong></td><td>${esc(c.by ?? term(t.roles, c.byRole))}</td><td class="note">${esc(c.reason || '—')}</td></tr>`;
    })
    .join('');
  const comparisons = model.comparisons
    .map((c) => `<li><q>${esc(c.text)}</q> — ${c.sides.map((x) => esc(`${t.sideLabel(x.side)}: ${x.version ?? t.draft}, ${x.model}`)).join(' · ')} — <strong>${esc(c.winner ? term(t.winners, c.winner) : t.noVerdict)}</strong>${c.reason ? `: ${esc(c.reason)}` : ''}</li>`)
    .join('');
  const scoreRows = s.scores
    .map((c) => {
      const title = model.criteria.find((x) => x.id === c.criterionId)?.title ?? c.criterionId;
      return `<tr><td>${esc(title)}</td>${model.scorers.map((x) => `<td class="num">${c.levels.find((l) => l.scorerId === x.id)?.level ?? '—'}</td>`).join('')}<td class="num">${c.spread ?? '—'}</td></tr>`;
    })
    .join('');
  const versions = model.versions
    .map(
      (v) => `<section class="version"><h3>v${v.number} — ${esc(v.label)}</h3><p class="rationale">${esc(v.rationale || '—')}</p>
<pre class="diff">${v.diff ? v.diff.map((p) => (p.op === 'equal' ? esc(p.text) : p.op === 'delete' ? `<del>${esc(p.text)}</del>` : `<ins>${esc(p.text)}</ins>`)).join('') : esc(v.text)}</pre></section>`,
    )
    .join('');
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>${esc(model.title)} — ${t.report}</title>
<style>
body{font:14px/1.5 system-ui,sans-serif;color:#1b1d21;max-width:900px;margin:2rem auto;padding:0 1rem}
h1{font-size:1.5rem;margin:0 0 .25rem}h2{font-size:1.15rem;margin:2rem 0 .5rem;border-bottom:1px solid #ddd}h3{font-size:1rem;margin:1rem 0 .25rem}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #eee;padding:.25rem .5rem;text-align:left;vertical-align:top}.num{text-align:center}
.meta{color:#555}.bars{display:flex;align-items:flex-end;gap:2px;height:80px;border-bottom:1px solid #ccc}.bar{flex:1;background:#4a6cf7;min-height:1px}
.meter{width:50%}.meter span{display:block;height:10px;background:#2e9d5b;border-radius:2px}
pre{white-space:pre-wrap;font:12px/1.45 ui-monospace,monospace;background:#f6f7f9;padding:.5rem;border-radius:4px}
ins{background:#d6f5dd;text-decoration:none}del{background:#fbdada}.rationale{font-style:italic;color:#444;white-space:pre-wrap}
.note{white-space:pre-wrap}.tag{font-size:11px;background:#eef;padding:0 .3rem;border-radius:3px;margin-left:.25rem}
@media print{body{margin:0}h2{break-after:avoid}.version{break-inside:avoid}}
</style></head><body>
<h1>${esc(model.title)}</h1>
<p class="meta">${esc(model.candidate ?? '—')} · ${t.exerciseVersion(model.exerciseVersion)} · ${reportDate(model.startedAt, lang)} · ${clock(s.durationMs)} · ${esc(ended)}</p>
<h2>${t.summary}</h2>
<table><tbody>
<tr><td>${t.timeToFirstPrompt}</td><td>${clock(s.timeToFirstPromptMs)}</td></tr>
<tr><td>${t.promptVersions} · ${t.chatAnswers} · ${t.testRuns}</td><td>${s.versions} · ${s.turns} · ${s.testRuns}</td></tr>
<tr><td>${t.flagsBreakdown}</td><td>${s.flags.wrong} / ${s.flags.unethical} / ${s.flags.good}</td></tr>
<tr><td>${t.tokensInOut} · ${t.cost}</td><td>${s.tokens.input} / ${s.tokens.output} · $${s.costUsd.toFixed(4)}</td></tr>
${s.judge.calls > 0 ? `<tr><td>${t.judgeCost}</td><td>${t.judgeGradings(s.judge.calls, s.judge.simulated)} · ${s.judge.tokens.input} / ${s.judge.tokens.output} · $${s.judge.costUsd.toFixed(4)}</td></tr>` : ''}
<tr><td>${t.timePerActivity}</td><td>${activityTimes(t, s).join(' · ')}</td></tr>
<tr><td>${t.focusLossesPastes}</td><td>${s.focusLosses} · ${s.pastes}</td></tr>
</tbody></table>
<h3>${t.activityOverTime}</h3><div class="bars">${activityBars}</div>
${passBars ? `<h3>${t.passRateByVersion}</h3><table><tbody>${passBars}</tbody></table>` : ''}
<h2>${t.checksReviewed}</h2>
${labelled ? `<p>${t.checksReviewedLegend}</p><table><thead><tr><th>${t.version}</th><th>${t.caseCol}</th><th class="num">${t.answerCol}</th><th>${t.checkCol}</th><th>${t.automaticCol}</th><th>${t.staffCol}</th><th>${t.byCol}</th><th>${t.reasonCol}</th></tr></thead><tbody>${labelled}</tbody></table>` : `<p>${t.noChecksReviewed}</p>`}
<p>${esc(t.judgeAgreement(kappaText(s.judgeAgreement.kappa, lang), s.judgeAgreement.count, s.judgeAgreement.agreed))}<br>${esc(t.checkAgreement(kappaText(s.checkAgreement.kappa, lang), s.checkAgreement.count, s.checkAgreement.agreed))}</p>
<p class="meta">${t.agreementNote}</p>
<h2>${t.headToHead}</h2>
${comparisons ? `<ol>${comparisons}</ol>` : `<p>${t.noHeadToHead}</p>`}
<h2>${t.rubric}</h2>
${scoreRows ? `<table><thead><tr><th>${t.criterion}</th>${model.scorers.map((x) => `<th class="num">${esc(x.name ?? x.role)}</th>`).join('')}<th class="num">${t.spread}</th></tr></thead><tbody>${scoreRows}</tbody></table>
<p>${t.agreement(s.agreement === null ? null : Math.round(s.agreement * 100))}</p>` : `<p>${t.noScores}</p>`}
${model.questions.length ? `<h2>${t.questions}</h2><ul>${model.questions.map((q) => `<li>${q.asked ? '☑' : '☐'} ${esc(q.text)}${q.notes ? `<div class="note">${esc(q.notes)}</div>` : ''}</li>`).join('')}</ul>` : ''}
<h2>${t.notes}</h2>
${model.notes.length ? `<table><tbody>${model.notes.map((n) => `<tr><td>${clock(n.offsetMs)}</td><td>${esc(n.author ?? '')}${n.tags.map((tag) => `<span class="tag">${esc(term(t.noteTags, tag))}</span>`).join('')}</td><td class="note">${esc(n.text)}</td></tr>`).join('')}</tbody></table>` : `<p>${t.noNotes}</p>`}
<h2>${t.flags}</h2>
${model.flags.length ? `<ul>${model.flags.map((f) => `<li><strong>${esc(term(t.flagKinds, f.kind))}</strong>: ${esc(f.reason || '—')}</li>`).join('')}</ul>` : `<p>${t.noFlags}</p>`}
<h2>${t.versions}</h2>${versions || `<p>${t.noVersion}</p>`}
<h2>${t.writeup}</h2><pre>${esc(model.writeup || '—')}</pre>
</body></html>`;
}

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
