import { checkKey, type SessionState } from './state';
import { checkVerdict } from './verdict';
import { answersOf } from './runs';

// Whether the automatic checks can be trusted: Cohen's κ between the automatic verdicts and the
// staff's labels, over the checks staff overrode or confirmed. The judge advises, people decide:
// this says how often they agree beyond chance, never what the candidate scores.

export interface Agreement {
  /** null when it is undefined: no labelled check, or both raters always gave one verdict. */
  kappa: number | null;
  /** Labelled checks with an automatic verdict (pass or fail). */
  count: number;
  /** Of those, the ones where staff agreed with the check. */
  agreed: number;
}

/**
 * Cohen's κ of two raters over binary verdicts: (p_o − p_e) / (1 − p_e), with p_o the observed
 * agreement and p_e the agreement expected by chance from each rater's own pass rate.
 */
export function cohensKappa(pairs: readonly (readonly [boolean, boolean])[]): number | null {
  const n = pairs.length;
  if (n === 0) return null;
  let agree = 0;
  let aYes = 0;
  let bYes = 0;
  for (const [a, b] of pairs) {
    if (a === b) agree++;
    if (a) aYes++;
    if (b) bYes++;
  }
  const observed = agree / n;
  const expected = (aYes / n) * (bYes / n) + (1 - aYes / n) * (1 - bYes / n);
  if (expected === 1) return null;
  return (observed - expected) / (1 - expected);
}

/**
 * The agreement between the automatic checks (those of `kinds`, or all) and the staff's latest
 * label on each. Ungraded checks have no automatic verdict to compare, so they are left out.
 */
export function checkAgreement(
  state: Pick<SessionState, 'testRuns' | 'testRunOrder' | 'checkLabels'>,
  kinds?: readonly string[],
): Agreement {
  const pairs: [boolean, boolean][] = [];
  for (const runId of state.testRunOrder) {
    const run = state.testRuns[runId];
    if (!run) continue;
    for (const { caseId, answerIndex, answer } of answersOf(run)) {
      answer.checks.forEach((check, checkIndex) => {
        if (kinds && !kinds.includes(check.kind)) return;
        const automatic = checkVerdict(check);
        const label = state.checkLabels[checkKey(runId, caseId, answerIndex, checkIndex)]?.at(-1);
        if (!label || automatic === 'ungraded') return;
        pairs.push([automatic === 'pass', label.verdict === 'pass']);
      });
    }
  }
  return { kappa: cohensKappa(pairs), count: pairs.length, agreed: pairs.filter(([a, b]) => a === b).length };
}
