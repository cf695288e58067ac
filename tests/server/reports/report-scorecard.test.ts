import { describe, expect, it } from 'vitest';
import { draft, SYSTEM_ACTOR, type EventData } from '../../../shared/events';
import { REFINE_THE_CHATBOT_EN } from '../../../server/exercises/refine-the-chatbot.en';
import { reportHtml } from '../../../server/reports/report-html';
import { reportMarkdown } from '../../../server/reports/report-markdown';
import { buildReportModel } from '../../../server/reports/report-model';
import { num, usd } from '../../../server/reports/report-text';
import { candidate, exercise, interviewer, sequence, turnStarted } from '../../shared/fixtures';

// The report as a hiring committee reads it: a scorecard (each scorer's level, comment and
// evidence linked into the replay; drafts marked and out of the mean), results per case and
// version, flagged answers with their text, the write-up rendered and sanitized, the blind
// line, and figures in the report's language.

const reviewer = { role: 'reviewer' as const, participantId: 'inv-r', name: 'Rita' };
const T0 = 1_700_000_000_000;
const QUESTION = 'If I move house, can I change my delivery address?';

function asked(turnId: string, parentId: string, threadId: string, question: string, promptVersionId: string | null) {
  const base = turnStarted(turnId, parentId, threadId);
  return draft('turn.started', candidate, {
    ...(base.data as EventData<'turn.started'>),
    request: { system: 's', messages: [{ role: 'user', content: question }] },
    promptVersionId,
  });
}

const completed = (turnId: string, text: string, inputTokens: number) =>
  draft('turn.completed', SYSTEM_ACTOR, {
    turnId,
    text,
    finish: { unified: 'stop', raw: 'stop' },
    usage: { inputTokens, outputTokens: 12, estimated: false },
    ttftMs: 5,
    durationMs: 20,
    costUsd: 0,
    requestId: null,
  });

// Event i happens at T0 + i s (fixtures' `sequence`): the answer t1 starts at +5 s, the start is +1 s.
const events = sequence(
  [
    draft('session.created', SYSTEM_ACTOR, { exercise, candidateName: null }), // 0
    draft('session.started', candidate, { deadline: 0 }), // 1
    draft('prompt.version', candidate, { versionId: 'v1', text: 'p1', label: 'one', rationale: '', parentId: null }), // 2
    draft('review.configured', SYSTEM_ACTOR, { blind: true }), // 3
    draft('message.sent', candidate, { messageId: 'm1', threadId: 'main', parentId: null, text: QUESTION }), // 4
    asked('t1', 'm1', 'main', QUESTION, 'v1'), // 5
    completed('t1', 'Yes, **always**. <img src=x onerror=alert(1)>', 3984), // 6
    draft('flag.set', candidate, { flagId: 'f1', turnId: 't1', kind: 'wrong', reason: 'It invents a rule [see](javascript:alert(1))' }), // 7
    draft('testrun.started', candidate, { runId: 'r1', versionId: 'v1', system: 'p1', modelId: 'm', caseIds: ['a', 'b'] }), // 8
    draft('testrun.case.checked', SYSTEM_ACTOR, {
      runId: 'r1',
      caseId: 'a',
      turnId: null,
      passed: true,
      checks: [{ kind: 'contains', passed: true, detail: 'x' }],
    }),
    draft('testrun.case.checked', SYSTEM_ACTOR, {
      runId: 'r1',
      caseId: 'b',
      turnId: null,
      passed: false,
      checks: [{ kind: 'contains', passed: false, detail: 'x' }],
    }),
    draft('testrun.finished', SYSTEM_ACTOR, { runId: 'r1', passed: 1, failed: 1, errored: 0, cancelled: false }),
    draft('score.set', interviewer, {
      criterionId: 'precise-prompts',
      level: 4,
      comment: 'Scoped the prompt to the KB.',
      evidence: [{ at: T0 + 5000, turnId: 't1' }],
    }),
    draft('review.submitted', interviewer, {}),
    draft('score.set', reviewer, { criterionId: 'precise-prompts', level: 1, comment: 'Still a draft', evidence: [] }),
    draft('writeup.updated', candidate, {
      text: '## What I changed\n\n- **Scoped** it\n\n<script>alert(1)</script>\n\n[x](javascript:alert(2)) [docs](https://example.com)',
    }),
  ],
  T0,
);
const exerciseContent = { ...REFINE_THE_CHATBOT_EN };
const link = (at: number, turnId: string | null) => `https://atelier.test/s/S1/reviewer?at=${at}${turnId ? `&answer=${turnId}` : ''}`;
const model = buildReportModel(events, exerciseContent, link);

describe('report formatting', () => {
  it('formats numbers and money for the report language', () => {
    expect(num(3984, 'fr')).toBe('3\u202f984');
    expect(num(3984, 'en')).toBe('3,984');
    expect(usd(0, 'fr')).toBe('0,00\u00a0$US');
    expect(usd(0.0012, 'en')).toBe('$0.0012');
    const html = reportHtml(model, 'fr');
    expect(html).toContain('3\u202f984 / 12 · 0,00\u00a0$US');
    expect(reportMarkdown(model, 'en')).toContain('| Tokens in / out | 3,984 / 12 |');
  });

  it('lays out a scorecard: each scorer’s level, comment and evidence deep links; a draft marked and out of the mean', () => {
    const criterion = model.scorecard.find((c) => c.id === 'precise-prompts')!;
    expect(criterion.mean).toBe(4);
    expect(criterion.rows.map((r) => [r.scorer ?? r.role, r.level, r.draft])).toEqual([
      ['interviewer', 4, false],
      ['Rita', 1, true],
    ]);
    const md = reportMarkdown(model, 'en');
    expect(md).toContain('### Writing precise prompts — mean 4 · spread 0');
    expect(md).toContain(
      `| interviewer | 4 | Scoped the prompt to the KB. | [A1 · "If I move house, can I…" · v1 · at 0:04](<https://atelier.test/s/S1/reviewer?at=${T0 + 5000}&answer=t1>) |`,
    );
    expect(md).toContain('| Rita _(draft)_ | 1 | Still a draft | no evidence linked |');
    expect(md).toContain('Agreement: — (needs two submitted scores on a criterion)');
    const html = reportHtml(model, 'fr');
    expect(html).toContain(
      `<a href="https://atelier.test/s/S1/reviewer?at=${T0 + 5000}&amp;answer=t1" title="ouvrir dans le rejeu">A1 · « If I move house, can I… » · v1 · à 0:04</a>`,
    );
    expect(html).toContain('<span class="tag draft">brouillon</span>');
    expect(html).toContain('moyenne 4 · écart 0');
  });

  it('says what agreement measures and over how many criteria', () => {
    const submitted = buildReportModel(
      [
        ...events,
        { ...events.at(-1)!, seq: events.length + 1, at: T0 + 99_000, type: 'review.submitted', actor: reviewer, data: {} } as never,
      ],
      exerciseContent,
      link,
    );
    expect(reportMarkdown(submitted, 'en')).toContain(
      'Agreement: 0% of criteria scored within one level of each other, over 1 criterion (submitted scores only)',
    );
    expect(reportHtml(submitted, 'fr')).toContain(
      'Accord : 0\u00a0% des critères notés à un niveau près, sur 1 critère (notes soumises uniquement)',
    );
  });

  it('shows results per case and version, and each flagged answer with its text and reason', () => {
    expect(model.caseResults.columns).toEqual([{ version: 1, repeat: 1 }]);
    expect(model.caseResults.rows.map((r) => r.cells[0])).toEqual([
      { passed: 1, graded: 1, ungraded: 0 },
      { passed: 0, graded: 1, ungraded: 0 },
    ]);
    const md = reportMarkdown(model, 'en');
    expect(md).toContain('## Results by test case and version');
    expect(md).toContain(
      `- **wrong** · [A1 · "If I move house, can I…" · v1](<https://atelier.test/s/S1/reviewer?at=${T0 + 5000}&answer=t1>) · at 0:04: It invents a rule [see](javascript:alert(1))`,
    );
    expect(md).toContain('  > Yes, **always**.');
    const html = reportHtml(model, 'en');
    expect(html).toContain('<p class="reason">It invents a rule [see](javascript:alert(1))</p>');
    expect(html).toContain('<blockquote class="note">Yes, **always**. &lt;img src=x onerror=alert(1)&gt;</blockquote>');
  });

  it('renders the write-up as sanitized Markdown, and says the name is hidden in blind review', () => {
    const html = reportHtml(model, 'en');
    const writeup = html.slice(html.indexOf('<div class="writeup">'));
    expect(writeup).toContain('<h2>What I changed</h2>');
    expect(writeup).toContain('<li><strong>Scoped</strong> it</li>');
    expect(writeup).not.toContain('<script');
    expect(writeup).not.toMatch(/href="javascript/i);
    expect(writeup).toContain('<a rel="noopener noreferrer nofollow" target="_blank">x</a>');
    expect(writeup).toContain('<a href="https://example.com" rel="noopener noreferrer nofollow" target="_blank">docs</a>');
    expect(html).toContain('Candidate: <em>name hidden (blind review)</em>');
    expect(reportHtml(model, 'fr')).toContain('Candidat·e : <em>nom masqué (évaluation à l’aveugle)</em>');
    expect(reportMarkdown(model, 'en')).toContain('- Candidate: _name hidden (blind review)_');
  });

  it('draws the activity chart with labelled axes', () => {
    const html = reportHtml(model, 'en');
    expect(html).toMatch(/<svg class="chart"[^>]*>[\s\S]*>actions<\/text>[\s\S]*minutes since the start \(0–1\)<\/text><\/svg>/);
  });
});
