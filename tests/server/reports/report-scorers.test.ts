import { describe, expect, it } from 'vitest';
import { numberForCandidate, viewerOf, visibleEvents } from '../../../shared/audience';
import { draft, SYSTEM_ACTOR, type Actor } from '../../../shared/events';
import { reduceAll } from '../../../shared/reducer';
import { REFINE_THE_CHATBOT_EN } from '../../../server/exercises/refine-the-chatbot.en';
import { reportHtml } from '../../../server/reports/report-html';
import { reportMarkdown } from '../../../server/reports/report-markdown';
import { buildReportModel } from '../../../server/reports/report-model';
import { candidate, exercise, sequence } from '../../shared/fixtures';

// Reports name scorers by account: a scorer who scored with a staff account is named by the
// account's current name (a rename shows in every report, in the scorecard and the summary); a
// guest keeps the name of their link. A blind review hides the candidate, never the scorers.

const iris: Actor = { role: 'interviewer', participantId: 'inv-iris', name: 'Iris', accountId: 'acc-iris' };
const guest: Actor = { role: 'interviewer', participantId: 'inv-guest', name: 'Guest Gil' };
const rita: Actor = { role: 'reviewer', participantId: 'inv-rita', name: 'Rita', accountId: 'acc-rita' };
const accounts = new Map([
  ['acc-iris', 'Iris Nakamura'],
  ['acc-rita', 'Rita Okafor'],
]);
const accountName = (id: string) => accounts.get(id);

const events = sequence([
  draft('session.created', SYSTEM_ACTOR, { exercise, candidateName: 'Cam Candidate' }),
  draft('session.started', candidate, { deadline: 0 }),
  draft('review.configured', SYSTEM_ACTOR, { blind: true }),
  draft('score.set', iris, { criterionId: 'precise-prompts', level: 4, comment: 'Scoped it', evidence: [] }),
  draft('review.submitted', iris, {}),
  draft('score.set', guest, { criterionId: 'precise-prompts', level: 3, comment: 'Fine', evidence: [] }),
  draft('review.submitted', guest, {}),
  draft('score.set', rita, { criterionId: 'precise-prompts', level: 5, comment: 'Strong', evidence: [] }),
  draft('review.submitted', rita, {}),
]);

describe('scorers in the report', () => {
  it('are named by their account’s current name in report.md, report.html and the summary; a guest by their link', () => {
    const model = buildReportModel(events, REFINE_THE_CHATBOT_EN, undefined, accountName);
    const rows = model.scorecard.find((c) => c.id === 'precise-prompts')!.rows;
    expect(rows.map((r) => r.scorer)).toEqual(['Iris Nakamura', 'Guest Gil', 'Rita Okafor']);
    expect(model.summary.scores[0]!.levels.map((l) => l.scorerName)).toEqual(['Iris Nakamura', 'Guest Gil', 'Rita Okafor']);
    expect(model.scorers.map((s) => s.name)).toEqual(['Iris Nakamura', 'Guest Gil', 'Rita Okafor']);
    const md = reportMarkdown(model, 'en');
    expect(md).toContain('| Iris Nakamura | 4 | Scoped it |');
    expect(md).toContain('| Guest Gil | 3 | Fine |');
    expect(md).not.toContain('| Iris |');
    expect(reportHtml(model, 'fr')).toContain('<td>Rita Okafor</td>');
  });

  it('keep the name they scored under when the account is unknown (erased from the directory, or another install)', () => {
    const model = buildReportModel(events, REFINE_THE_CHATBOT_EN);
    expect(model.scorecard[0]!.rows.map((r) => r.scorer)).toEqual(['Iris', 'Guest Gil', 'Rita']);
  });

  it('stay named in a blind review, which hides only the candidate', () => {
    const state = reduceAll(events);
    const reviewer = viewerOf('reviewer', rita.participantId!, state);
    expect(reviewer.blind).toBe(true);
    const seen = visibleEvents(reviewer, numberForCandidate(events));
    const model = buildReportModel(seen, REFINE_THE_CHATBOT_EN, undefined, accountName);
    expect(model.blind).toBe(true);
    const md = reportMarkdown(model, 'en');
    const html = reportHtml(model, 'en');
    for (const text of [md, html]) {
      expect(text).not.toContain('Cam Candidate');
      expect(text).toContain('Iris Nakamura');
      expect(text).toContain('Rita Okafor');
    }
  });
});
