import { formatAnswerName } from '../../shared/answer-label';
import { markdownToSafeHtml } from './report-markdown-html';
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

// The printable report (print to PDF from the browser). Everything the candidate or staff
// wrote is escaped and shown as plain text, except the write-up: Markdown rendered through an
// allowlist sanitizer (report-markdown-html.ts), as the app shows it.

export function reportHtml(model: ReportModel, lang: ReportLang = 'en'): string {
  const t = REPORT_TEXT[lang];
  const s = model.summary;
  const ended = model.endReason ? term(t.endReasons, model.endReason) : '';
  const passBars = s.passRateByVersion
    .map(
      (v) =>
        `<tr><td>${v.number ? `v${v.number} ${esc(v.label)}` : t.draft}</td><td class="meter"><span style="width:${Math.round((v.rate ?? 0) * 100)}%"></span></td><td class="num">${percent(v.rate, lang)}</td><td>${num(v.passed, lang)}/${num(v.graded, lang)}</td><td>${v.spread ? `${percent(v.spread.min, lang)}–${percent(v.spread.max, lang)}` : ''}</td><td>${v.ungraded ? `${num(v.ungraded, lang)} ${t.ungraded}` : ''}</td><td>${v.repeat > 1 ? `×${v.repeat}` : ''}</td></tr>`,
    )
    .join('');
  const labelled = model.labelledChecks
    .map((c) => {
      const automatic = `${t.verdicts[c.automatic]}${c.score !== null ? ` (${kappaText(c.score, lang)})` : ''}${c.simulated ? `, ${t.simulatedJudge}` : ''}`;
      return `<tr><td>${esc(c.version ?? t.draft)}</td><td>${esc(c.caseTitle)}</td><td class="num">${c.answer}</td><td>${esc(`${c.kind}: ${c.detail}`)}</td><td>${esc(automatic)}</td><td><strong>${esc(t.verdicts[c.staff])}</strong></td><td>${esc(c.by ?? term(t.roles, c.byRole))}</td><td class="note">${esc(c.reason || '—')}</td></tr>`;
    })
    .join('');
  const comparisons = model.comparisons
    .map(
      (c) =>
        `<li><q>${esc(c.text)}</q> — ${c.sides.map((x) => esc(`${t.sideLabel(x.side)}: ${x.version ?? t.draft}, ${x.model}`)).join(' · ')} — <strong>${esc(c.winner ? term(t.winners, c.winner) : t.noVerdict)}</strong>${c.reason ? `: ${esc(c.reason)}` : ''}</li>`,
    )
    .join('');
  const scorecard = model.scorecard
    .map(
      (
        c,
      ) => `<section class="criterion" data-criterion="${esc(c.id)}"><h3>${esc(c.title)} <span class="meta">${esc(t.meanSpread(decimal(c.mean, lang), c.spread === null ? '—' : num(c.spread, lang)))}</span></h3>
<table><thead><tr><th>${t.scorerCol}</th><th class="num">${t.levelCol}</th><th>${t.commentCol}</th><th>${t.evidenceCol}</th></tr></thead><tbody>${c.rows
        .map(
          (row) =>
            `<tr${row.draft ? ' class="draft"' : ''}><td>${esc(row.scorer ?? term(t.roles, row.role))}${row.draft ? ` <span class="tag draft">${t.draftScore}</span>` : ''}</td><td class="num level">${row.level ?? '—'}</td><td class="note">${esc(row.comment || '—')}</td><td>${row.evidence.length ? `<ul class="evidence">${row.evidence.map((e) => `<li>${evidenceLink(e, t, lang)}</li>`).join('')}</ul>` : `<span class="meta">${t.noEvidence}</span>`}</td></tr>`,
        )
        .join('')}</tbody></table></section>`,
    )
    .join('');
  const cr = model.caseResults;
  const caseRows = cr.rows
    .map(
      (row) =>
        `<tr><td>${esc(row.caseTitle)}</td>${row.cells.map((cell) => `<td class="num${cell && cell.graded > 0 ? (cell.passed === cell.graded ? ' pass' : ' fail') : ''}">${cell ? (cell.graded ? `${num(cell.passed, lang)}/${num(cell.graded, lang)}` : cell.ungraded ? t.verdicts.ungraded : '—') : ''}</td>`).join('')}</tr>`,
    )
    .join('');
  const caseHead = cr.columns
    .map(
      (c) =>
        `<th class="num">${c.version === null ? t.draft : `v${c.version}`}${c.repeat > 1 ? `<br><span class="meta">${t.answersRepeat(c.repeat)}</span>` : ''}</th>`,
    )
    .join('');
  const flags = model.flags
    .map(
      (
        f,
      ) => `<li class="flag"><p><strong>${esc(term(t.flagKinds, f.kind))}</strong> · <a href="${esc(f.href)}">${esc(f.name ? formatAnswerName(f.name, lang, t.draft) : t.flaggedAnswer)}</a> · ${t.evidenceAt(clock(f.offsetMs))}</p>
<p class="reason">${esc(f.reason || t.noReason)}</p><blockquote class="note">${esc(f.answer || '—')}</blockquote></li>`,
    )
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
.meta{color:#555;font-weight:400;font-size:12px}
.chart{width:100%;height:auto;max-height:160px}.chart rect{fill:#4a6cf7}.chart line{stroke:#999}.chart text{font-size:10px;fill:#555}
.meter{width:40%}.meter span{display:block;height:10px;background:#2e9d5b;border-radius:2px}
.scale{display:flex;justify-content:space-between;font-weight:400;font-size:11px;color:#555}
.criterion h3{display:flex;gap:.75rem;align-items:baseline}.level{font-weight:700;font-size:1.05rem}
tr.draft td{color:#666}.tag.draft{background:#fff3cd;color:#6b4e00}
.evidence{margin:0;padding-left:1rem}.flags{padding-left:1rem}.flag p{margin:.25rem 0}.flag blockquote{margin:.25rem 0 .75rem;padding:.25rem .75rem;border-left:3px solid #ddd;color:#333}
.cases td.pass{color:#1f7a45}.cases td.fail{color:#a12a2a;font-weight:600}
.writeup{border:1px solid #eee;border-radius:4px;padding:0 1rem}
pre{white-space:pre-wrap;font:12px/1.45 ui-monospace,monospace;background:#f6f7f9;padding:.5rem;border-radius:4px}
ins{background:#d6f5dd;text-decoration:none}del{background:#fbdada}.rationale{font-style:italic;color:#444;white-space:pre-wrap}
.note{white-space:pre-wrap}.tag{font-size:11px;background:#eef;padding:0 .3rem;border-radius:3px;margin-left:.25rem}
@media print{body{margin:0}h2{break-after:avoid}.version{break-inside:avoid}}
</style></head><body>
<h1>${esc(model.title)}</h1>
<p class="meta">${t.candidate}${lang === 'fr' ? ' :' : ':'} ${model.blind ? `<em>${t.candidateBlind}</em>` : esc(model.candidate ?? t.candidateHidden)} · ${t.exerciseVersion(model.exerciseVersion)} · ${reportDate(model.startedAt, lang)} · ${clock(s.durationMs)} · ${esc(ended)}</p>
<h2>${t.scorecard}</h2>
${scorecard ? `<p class="meta">${t.scorecardLegend}</p>${scorecard}` : `<p>${t.noScores}</p>`}
<p class="agreement" data-testid="agreement">${esc(t.agreement(s.agreement === null ? null : percent(s.agreement, lang), s.agreementCriteria))}</p>
<h2>${t.summary}</h2>
<table><tbody>
<tr><td>${t.timeToFirstPrompt}</td><td>${clock(s.timeToFirstPromptMs)}</td></tr>
<tr><td>${t.promptVersions} · ${t.chatAnswers} · ${t.testRuns}</td><td data-figure="counts">${num(s.versions, lang)} · ${num(s.turns, lang)} · ${num(s.testRuns, lang)}</td></tr>
<tr><td>${t.flagsBreakdown}</td><td>${num(s.flags.wrong, lang)} / ${num(s.flags.unethical, lang)} / ${num(s.flags.good, lang)}</td></tr>
<tr><td>${t.tokensInOut} · ${t.cost}</td><td data-figure="tokens-cost">${num(s.tokens.input, lang)} / ${num(s.tokens.output, lang)} · ${usd(s.costUsd, lang)}</td></tr>
${s.judge.calls > 0 ? `<tr><td>${t.judgeCost}</td><td>${t.judgeGradings(s.judge.calls, s.judge.simulated)} · ${num(s.judge.tokens.input, lang)} / ${num(s.judge.tokens.output, lang)} · ${usd(s.judge.costUsd, lang)}</td></tr>` : ''}
<tr><td>${t.timePerActivity}</td><td>${activityTimes(t, s).join(' · ')}</td></tr>
<tr><td>${t.focusLossesPastes}</td><td>${num(s.focusLosses, lang)} · ${num(s.pastes, lang)}</td></tr>
</tbody></table>
<h3>${t.activityOverTime}</h3>${activityChart(s.activityPerMinute, t)}
${passBars ? `<h3>${t.passRateByVersion}</h3><table class="pass"><thead><tr><th>${t.version}</th><th class="scale"><span>0 %</span><span>50 %</span><span>100 %</span></th><th class="num">${t.rate}</th><th>${t.graded}</th><th>${t.roundSpread}</th><th>${t.ungraded}</th><th></th></tr></thead><tbody>${passBars}</tbody></table>` : ''}
${caseRows ? `<h3>${t.caseResults}</h3><p class="meta">${t.caseResultsLegend}</p><table class="cases"><thead><tr><th>${t.caseCol}</th>${caseHead}</tr></thead><tbody>${caseRows}</tbody></table>` : ''}
<h2>${t.checksReviewed}</h2>
${labelled ? `<p>${t.checksReviewedLegend}</p><table><thead><tr><th>${t.version}</th><th>${t.caseCol}</th><th class="num">${t.answerCol}</th><th>${t.checkCol}</th><th>${t.automaticCol}</th><th>${t.staffCol}</th><th>${t.byCol}</th><th>${t.reasonCol}</th></tr></thead><tbody>${labelled}</tbody></table>` : `<p>${t.noChecksReviewed}</p>`}
<p>${esc(t.judgeAgreement(kappaText(s.judgeAgreement.kappa, lang), s.judgeAgreement.count, s.judgeAgreement.agreed))}<br>${esc(t.checkAgreement(kappaText(s.checkAgreement.kappa, lang), s.checkAgreement.count, s.checkAgreement.agreed))}</p>
<p class="meta">${t.agreementNote}</p>
<h2>${t.headToHead}</h2>
${comparisons ? `<ol>${comparisons}</ol>` : `<p>${t.noHeadToHead}</p>`}
${model.questions.length ? `<h2>${t.questions}</h2><ul>${model.questions.map((q) => `<li>${q.asked ? '☑' : '☐'} ${esc(q.text)}${q.notes ? `<div class="note">${esc(q.notes)}</div>` : ''}</li>`).join('')}</ul>` : ''}
<h2>${t.notes}</h2>
${model.notes.length ? `<table><tbody>${model.notes.map((n) => `<tr><td>${clock(n.offsetMs)}</td><td>${esc(n.author ?? '')}${n.tags.map((tag) => `<span class="tag">${esc(term(t.noteTags, tag))}</span>`).join('')}</td><td class="note">${esc(n.text)}</td></tr>`).join('')}</tbody></table>` : `<p>${t.noNotes}</p>`}
<h2>${t.flags}</h2>
${flags ? `<ul class="flags">${flags}</ul>` : `<p>${t.noFlags}</p>`}
<h2>${t.versions}</h2>${versions || `<p>${t.noVersion}</p>`}
<h2>${t.writeup}</h2><div class="writeup">${model.writeup ? markdownToSafeHtml(model.writeup) : `<p>${t.none}</p>`}</div>
</body></html>`;
}

/** `A7 · "If I move house…" · v2 · at 3:10`, linked into the replay at that moment. */
function evidenceLink(e: EvidenceItem, t: ReportText, lang: ReportLang): string {
  const parts = [
    e.answer ? formatAnswerName(e.answer, lang, t.draft) : e.version !== null ? `v${e.version}` : null,
    t.evidenceAt(clock(e.offsetMs)),
  ].filter(Boolean);
  return `<a href="${esc(e.href)}" title="${t.openInReplay}">${esc(parts.join(' · '))}</a>`;
}

/** Actions per minute with both axes labelled: 0 and the busiest minute's count, the minutes along the bottom. */
function activityChart(perMinute: number[], t: ReportText): string {
  if (perMinute.length === 0) return '<p class="meta">—</p>';
  const W = 600;
  const H = 100;
  const LEFT = 34;
  const max = Math.max(1, ...perMinute);
  const bar = (W - LEFT) / perMinute.length;
  const bars = perMinute
    .map((n, i) => {
      const h = (n / max) * (H - 8);
      return `<rect x="${(LEFT + i * bar + 1).toFixed(1)}" y="${(H - h).toFixed(1)}" width="${Math.max(1, bar - 2).toFixed(1)}" height="${h.toFixed(1)}"><title>${i + 1}′: ${n}</title></rect>`;
    })
    .join('');
  return `<svg class="chart" viewBox="0 0 ${W} ${H + 30}" role="img" aria-label="${esc(`${t.activityOverTime}; ${t.minutesAxis(perMinute.length)}`)}">
<line x1="${LEFT}" y1="0" x2="${LEFT}" y2="${H}"/><line x1="${LEFT}" y1="${H}" x2="${W}" y2="${H}"/>
<text x="${LEFT - 4}" y="10" text-anchor="end">${max}</text><text x="${LEFT - 4}" y="${H}" text-anchor="end">0</text>
<text x="0" y="${H / 2}" transform="rotate(-90 8 ${H / 2})">${t.activityAxis}</text>${bars}
<text x="${LEFT}" y="${H + 12}">0</text><text x="${W}" y="${H + 12}" text-anchor="end">${perMinute.length}</text>
<text x="${(LEFT + W) / 2}" y="${H + 26}" text-anchor="middle">${esc(t.minutesAxis(perMinute.length))}</text></svg>`;
}

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
