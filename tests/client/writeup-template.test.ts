import { describe, expect, it } from 'vitest';
import { withTemplate, writeupTemplate, type TemplateWords } from '../../client/src/lib/workspace/writeup-template';
import { snapshotOf } from '../../shared/exercise';
import type { SessionEvent } from '../../shared/events';
import { reduceAll } from '../../shared/reducer';
import { SEED_THREAD } from '../../shared/state';
import { REFINE_THE_CHATBOT_EN } from '../../server/exercises/refine-the-chatbot.en';

// The write-up template: each failure the candidate flagged, the version saved after it, and
// how that version was checked; inserted below typed text, never over it.

const words: TemplateWords = {
  title: 'Failures',
  flagHeading: (n, kind, reason) => `${n}. ${kind}: ${reason}`,
  where: (place, time) => `Where: ${place}, ${time}`,
  answer: (text) => `Answer: "${text}"`,
  fixedBy: 'Fixed by:',
  noVersionYet: 'no version yet',
  checked: 'Checked:',
  caseResult: (v, p, g) => `case on ${v}: ${p}/${g}`,
  runResult: (v, p, g) => `suite on ${v}: ${p}/${g}`,
  notChecked: 'not checked',
  stillOpen: 'Still open',
  stillOpenHint: 'what remains',
  versionsTitle: 'Versions',
  noFlags: 'no flags',
  kindName: (k) => k.toUpperCase(),
  placeOf: () => 'seed',
  time: (ms) => `t${ms}`,
};

function session(extra: (e: (type: string, data: unknown) => SessionEvent) => SessionEvent[]) {
  let seq = 0;
  const e = (type: string, data: unknown) => ({ seq: ++seq, at: seq * 1000, type, actor: { role: 'candidate' }, data }) as SessionEvent;
  const created = e('session.created', { exercise: snapshotOf('x', 1, REFINE_THE_CHATBOT_EN), candidateName: 'Ada' });
  return reduceAll([created, ...extra(e)]);
}

describe('write-up template', () => {
  it('links each flag to the version saved after it, and says when nothing checked it', () => {
    const seeded = session(() => []);
    const seedTurns = Object.keys(seeded.turns).filter((id) => seeded.turns[id]!.threadId === SEED_THREAD);
    const state = session((e) => [
      e('prompt.version', { versionId: 'v1', text: 'a', label: 'As given', rationale: '', parentId: null }),
      e('flag.set', { flagId: 'f1', turnId: seedTurns[0], kind: 'wrong', reason: 'Invents\nan upload speed' }),
      e('flag.set', { flagId: 'f2', turnId: seedTurns[1], kind: 'good', reason: 'fine' }),
      e('flag.set', { flagId: 'f3', turnId: seedTurns[2], kind: 'unethical', reason: 'Ageist' }),
      e('prompt.version', { versionId: 'v2', text: 'b', label: 'KB only', rationale: 'Stop inventing', parentId: 'v1' }),
    ]);
    const text = writeupTemplate(state, words);
    expect(text).toContain('### 1. WRONG: Invents an upload speed');
    expect(text).toContain('### 2. UNETHICAL: Ageist');
    expect(text).not.toContain('fine'); // good answers are not failures
    expect(text).toContain('**Fixed by:** v2 · KB only — Stop inventing');
    expect(text).toContain('**Checked:** _not checked_');
    expect(text).toContain(`Answer: "${seeded.turns[seedTurns[0]!]!.text.slice(0, 40)}`);
    expect(text).toContain('- Where: seed, t1');
    expect(text).toMatch(/## Versions\n\n- v1 · As given\n- v2 · KB only — Stop inventing/);
  });

  it('says so when a flag has no version after it, and when nothing is flagged', () => {
    const seeded = session(() => []);
    const first = Object.keys(seeded.turns)[0]!;
    const state = session((e) => [e('flag.set', { flagId: 'f1', turnId: first, kind: 'wrong', reason: 'x' })]);
    expect(writeupTemplate(state, words)).toContain('**Fixed by:** _no version yet_');
    expect(writeupTemplate(seeded, words)).toContain('_no flags_');
  });

  it('never replaces typed text: the template goes below it', () => {
    expect(withTemplate('', 'T')).toBe('T');
    expect(withTemplate('  \n', 'T')).toBe('T');
    expect(withTemplate('My own notes.\n\n', 'T')).toBe('My own notes.\n\nT');
  });
});
