import type { EndReason, FlagKind } from '../../shared/events';
import type { Activity, SessionSummary } from '../../shared/summary';
import { clock } from './report-model';

// The reports' own words, in English and French: a reviewer hands the hiring manager a report
// in the language they read it in. What people wrote (notes, prompts, the write-up) stays as
// written.

export type ReportLang = 'en' | 'fr';

export interface ReportText {
  report: string;
  candidate: string;
  candidateHidden: string;
  exerciseVersion: (n: number) => string;
  started: string;
  duration: string;
  ended: string;
  endReasons: Record<EndReason, string>;
  summary: string;
  figure: string;
  value: string;
  timeToFirstPrompt: string;
  promptVersions: string;
  chatAnswers: string;
  testRuns: string;
  flagsBreakdown: string;
  tokensInOut: string;
  cost: string;
  focusLossesPastes: string;
  timePerActivity: string;
  activities: Record<Activity, string>;
  activityOverTime: string;
  passRateByVersion: string;
  version: string;
  passed: string;
  rate: string;
  draft: string;
  rubric: string;
  criterion: string;
  spread: string;
  noScores: string;
  agreement: (percent: string | null, criteria: number) => string;
  questions: string;
  notes: string;
  noNotes: string;
  noteTags: Record<string, string>;
  flags: string;
  noFlags: string;
  flagKinds: Record<FlagKind, string>;
  noReason: string;
  versions: string;
  noVersion: string;
  noRationale: string;
  changesLegend: string;
  writeup: string;
  none: string;
  judgeCost: string;
  judgeGradings: (calls: number, simulated: number) => string;
  graded: string;
  ungraded: string;
  roundSpread: string;
  answersPerCase: string;
  checksReviewed: string;
  noChecksReviewed: string;
  checksReviewedLegend: string;
  caseCol: string;
  answerCol: string;
  checkCol: string;
  automaticCol: string;
  staffCol: string;
  byCol: string;
  reasonCol: string;
  verdicts: Record<'pass' | 'fail' | 'ungraded', string>;
  simulatedJudge: string;
  judgeAgreement: (kappa: string, count: number, agreed: number) => string;
  checkAgreement: (kappa: string, count: number, agreed: number) => string;
  agreementNote: string;
  headToHead: string;
  noHeadToHead: string;
  winners: Record<'a' | 'b' | 'tie', string>;
  noVerdict: string;
  sideLabel: (side: string) => string;
  roles: Record<string, string>;
  candidateBlind: string;
  scorecard: string;
  scorecardLegend: string;
  scorerCol: string;
  levelCol: string;
  commentCol: string;
  evidenceCol: string;
  meanSpread: (mean: string, spread: string) => string;
  draftScore: string;
  noEvidence: string;
  evidenceAt: (time: string) => string;
  caseResults: string;
  caseResultsLegend: string;
  answersRepeat: (n: number) => string;
  flaggedAnswer: string;
  openInReplay: string;
  activityAxis: string;
  minutesAxis: (n: number) => string;
}

export const REPORT_TEXT: Record<ReportLang, ReportText> = {
  en: {
    report: 'interview report',
    candidate: 'Candidate',
    candidateHidden: '(hidden or not given)',
    exerciseVersion: (n) => `exercise version ${n}`,
    started: 'Started',
    duration: 'duration',
    ended: 'ended',
    endReasons: { time_up: 'time up', submitted: 'submitted by the candidate', ended_by_staff: 'ended by the interviewer' },
    summary: 'Summary',
    figure: 'figure',
    value: 'value',
    timeToFirstPrompt: 'Time to first prompt',
    promptVersions: 'Prompt versions',
    chatAnswers: 'chat answers',
    testRuns: 'test runs',
    flagsBreakdown: 'Flags (wrong / unethical / good)',
    tokensInOut: 'Tokens in / out',
    cost: 'cost',
    focusLossesPastes: 'Focus losses / pastes',
    timePerActivity: 'Time per activity',
    activities: { prompting: 'prompting', chatting: 'chatting', testing: 'testing', flagging: 'flagging', writing: 'writing' },
    activityOverTime: 'Activity over time (actions per minute)',
    passRateByVersion: 'Pass rate by version',
    version: 'version',
    passed: 'passed',
    rate: 'rate',
    draft: 'draft',
    rubric: 'Rubric',
    criterion: 'Criterion',
    spread: 'Spread',
    noScores: 'No scores yet.',
    agreement: (p, n) =>
      `Agreement: ${p === null ? '— (needs two submitted scores on a criterion)' : `${p} of criteria scored within one level of each other, over ${n} ${n === 1 ? 'criterion' : 'criteria'} (submitted scores only)`}`,
    questions: 'Interview questions',
    notes: 'Notes',
    noNotes: 'No notes.',
    noteTags: { strength: 'strength', concern: 'concern', ethics: 'ethics', 'follow-up': 'follow-up question' },
    flags: 'Flags',
    noFlags: 'No flags.',
    flagKinds: { wrong: 'wrong', unethical: 'unethical', good: 'good' },
    noReason: '(no reason given)',
    versions: 'Prompt versions',
    noVersion: 'No saved version.',
    noRationale: '(no rationale)',
    changesLegend: 'Changes from the previous version (`[-removed-]` `{+added+}`):',
    writeup: 'Write-up',
    none: '(none)',
    judgeCost: 'Judge (counted in the budget, shown apart)',
    judgeGradings: (calls, simulated) => `${calls} gradings${simulated > 0 ? `, ${simulated} by the simulated judge` : ''}`,
    graded: 'passed / graded',
    ungraded: 'ungraded',
    roundSpread: 'spread over rounds',
    answersPerCase: 'answers per case',
    checksReviewed: 'Automatic checks reviewed by staff',
    noChecksReviewed: 'No automatic check was overridden or confirmed.',
    checksReviewedLegend:
      'People decide, the checks advise: each row is a check staff overrode or confirmed, with the automatic verdict and the staff’s.',
    caseCol: 'case',
    answerCol: 'answer',
    checkCol: 'check',
    automaticCol: 'automatic',
    staffCol: 'staff',
    byCol: 'by',
    reasonCol: 'reason',
    verdicts: { pass: 'pass', fail: 'fail', ungraded: 'ungraded' },
    simulatedJudge: 'simulated judge',
    judgeAgreement: (k, n, a) => `Judge ↔ staff agreement: Cohen’s κ = ${k} over ${n} labelled checks (${a} agreed).`,
    checkAgreement: (k, n, a) => `All checks ↔ staff: κ = ${k} over ${n} labelled checks (${a} agreed).`,
    agreementNote: 'κ says whether the automatic checks can be trusted; nothing in this report scores the candidate automatically.',
    headToHead: 'Head-to-head comparisons',
    noHeadToHead: 'No head-to-head comparison.',
    winners: { a: 'A is better', b: 'B is better', tie: 'a tie' },
    noVerdict: 'no verdict',
    sideLabel: (side) => `Side ${side.toUpperCase()}`,
    roles: { interviewer: 'interviewer', reviewer: 'reviewer', admin: 'admin' },
    candidateBlind: 'name hidden (blind review)',
    scorecard: 'Scorecard',
    scorecardLegend:
      'Each scorer’s level, comment and evidence; a link opens the replay at that moment. Drafts (not submitted) are shown but left out of the mean, the spread and the agreement.',
    scorerCol: 'scorer',
    levelCol: 'level',
    commentCol: 'comment',
    evidenceCol: 'evidence',
    meanSpread: (mean, spread) => `mean ${mean} · spread ${spread}`,
    draftScore: 'draft',
    noEvidence: 'no evidence linked',
    evidenceAt: (time) => `at ${time}`,
    caseResults: 'Results by test case and version',
    caseResultsLegend: 'Answers passed over answers graded, from the latest run of each prompt version.',
    answersRepeat: (n) => `×${n} answers per case`,
    flaggedAnswer: 'Flagged answer',
    openInReplay: 'open in the replay',
    activityAxis: 'actions',
    minutesAxis: (n) => `minutes since the start (0–${n})`,
  },
  fr: {
    report: 'rapport d’entretien',
    candidate: 'Candidat·e',
    candidateHidden: '(masqué ou non renseigné)',
    exerciseVersion: (n) => `version ${n} de l’exercice`,
    started: 'Début',
    duration: 'durée',
    ended: 'fin',
    endReasons: { time_up: 'temps écoulé', submitted: 'soumis par le·la candidat·e', ended_by_staff: 'terminé par l’intervieweur·euse' },
    summary: 'Résumé',
    figure: 'indicateur',
    value: 'valeur',
    timeToFirstPrompt: 'Délai avant le premier prompt',
    promptVersions: 'Versions du prompt',
    chatAnswers: 'réponses',
    testRuns: 'séries de tests',
    flagsBreakdown: 'Signalements (faux / contraire à l’éthique / bon)',
    tokensInOut: 'Jetons en entrée / sortie',
    cost: 'coût',
    focusLossesPastes: 'Sorties de la page / collages',
    timePerActivity: 'Temps par activité',
    activities: { prompting: 'prompt', chatting: 'conversation', testing: 'tests', flagging: 'signalements', writing: 'compte rendu' },
    activityOverTime: 'Activité dans le temps (actions par minute)',
    passRateByVersion: 'Taux de réussite par version',
    version: 'version',
    passed: 'réussis',
    rate: 'taux',
    draft: 'brouillon',
    rubric: 'Grille d’évaluation',
    criterion: 'Critère',
    spread: 'Écart',
    noScores: 'Pas encore de note.',
    agreement: (p, n) =>
      `Accord : ${p === null ? '— (il faut deux notes soumises sur un critère)' : `${p} des critères notés à un niveau près, sur ${n} critère${n > 1 ? 's' : ''} (notes soumises uniquement)`}`,
    questions: 'Questions d’entretien',
    notes: 'Notes',
    noNotes: 'Aucune note.',
    noteTags: { strength: 'point fort', concern: 'inquiétude', ethics: 'éthique', 'follow-up': 'question à poser' },
    flags: 'Signalements',
    noFlags: 'Aucun signalement.',
    flagKinds: { wrong: 'faux', unethical: 'contraire à l’éthique', good: 'bon' },
    noReason: '(sans raison donnée)',
    versions: 'Versions du prompt',
    noVersion: 'Aucune version enregistrée.',
    noRationale: '(sans justification)',
    changesLegend: 'Changements depuis la version précédente (`[-retiré-]` `{+ajouté+}`) :',
    writeup: 'Compte rendu',
    none: '(aucun)',
    judgeCost: 'Juge (compté dans le budget, affiché à part)',
    judgeGradings: (calls, simulated) => `${calls} notations${simulated > 0 ? `, dont ${simulated} par le juge simulé` : ''}`,
    graded: 'réussies / notées',
    ungraded: 'non notées',
    roundSpread: 'écart entre les tours',
    answersPerCase: 'réponses par cas',
    checksReviewed: 'Vérifications automatiques revues par l’équipe',
    noChecksReviewed: 'Aucune vérification automatique n’a été corrigée ou confirmée.',
    checksReviewedLegend:
      'Les personnes décident, les vérifications conseillent : chaque ligne est une vérification corrigée ou confirmée par l’équipe, avec le verdict automatique et celui de l’équipe.',
    caseCol: 'cas',
    answerCol: 'réponse',
    checkCol: 'vérification',
    automaticCol: 'automatique',
    staffCol: 'équipe',
    byCol: 'par',
    reasonCol: 'raison',
    verdicts: { pass: 'réussie', fail: 'échouée', ungraded: 'non notée' },
    simulatedJudge: 'juge simulé',
    judgeAgreement: (k, n, a) => `Accord juge ↔ équipe : κ de Cohen = ${k} sur ${n} vérifications revues (${a} en accord).`,
    checkAgreement: (k, n, a) => `Toutes les vérifications ↔ équipe : κ = ${k} sur ${n} vérifications revues (${a} en accord).`,
    agreementNote:
      'κ dit si l’on peut se fier aux vérifications automatiques ; rien dans ce rapport ne note la personne candidate automatiquement.',
    headToHead: 'Face-à-face',
    noHeadToHead: 'Aucun face-à-face.',
    winners: { a: 'A est meilleure', b: 'B est meilleure', tie: 'égalité' },
    noVerdict: 'pas de verdict',
    sideLabel: (side) => `Côté ${side.toUpperCase()}`,
    roles: { interviewer: 'intervieweur·euse', reviewer: 'évaluateur·rice', admin: 'admin' },
    candidateBlind: 'nom masqué (évaluation à l’aveugle)',
    scorecard: 'Fiche de notation',
    scorecardLegend:
      'Le niveau, le commentaire et les preuves de chaque évaluateur·rice ; un lien ouvre le rejeu à ce moment. Les brouillons (non soumis) sont affichés mais exclus de la moyenne, de l’écart et de l’accord.',
    scorerCol: 'évaluateur·rice',
    levelCol: 'niveau',
    commentCol: 'commentaire',
    evidenceCol: 'preuves',
    meanSpread: (mean, spread) => `moyenne ${mean} · écart ${spread}`,
    draftScore: 'brouillon',
    noEvidence: 'aucune preuve liée',
    evidenceAt: (time) => `à ${time}`,
    caseResults: 'Résultats par cas de test et par version',
    caseResultsLegend: 'Réponses réussies sur réponses notées, d’après la dernière série de chaque version du prompt.',
    answersRepeat: (n) => `×${n} réponses par cas`,
    flaggedAnswer: 'Réponse signalée',
    openInReplay: 'ouvrir dans le rejeu',
    activityAxis: 'actions',
    minutesAxis: (n) => `minutes depuis le début (0–${n})`,
  },
};

/** A session's start, to the minute, in UTC: a report is read far from where it was made. */
export function reportDate(ms: number | null, lang: ReportLang): string {
  if (ms === null) return '—';
  return `${new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(ms)} UTC`;
}

/** A recorded value in the report's language; one the dictionary does not know (a newer tag, say) shows as recorded. */
export function term(terms: Readonly<Record<string, string>>, key: string): string {
  return terms[key] ?? key;
}

/** "prompting 3:10", "chatting 12:04"…: the time per activity, each in the report's words. */
export function activityTimes(t: ReportText, summary: SessionSummary): string[] {
  return Object.entries(summary.timePerActivityMs).map(([activity, ms]) => `${term(t.activities, activity)} ${clock(ms)}`);
}

/** κ to two decimals in the report's language; "—" when undefined. */
export function kappaText(kappa: number | null, lang: ReportLang): string {
  return kappa === null ? '—' : new Intl.NumberFormat(lang, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(kappa);
}

/** "72 %" (English) or "72 %" with a narrow no-break space (French), as Intl writes it. */
export function percent(rate: number | null, lang: ReportLang = 'en'): string {
  return rate === null ? '—' : new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0 }).format(rate);
}

/** A count in the report's language: `3,984` in English, `3 984` in French. */
export function num(value: number, lang: ReportLang): string {
  return new Intl.NumberFormat(lang).format(value);
}

/** A level mean to one decimal: `3.5`, `3,5`. */
export function decimal(value: number | null, lang: ReportLang): string {
  return value === null ? '—' : new Intl.NumberFormat(lang, { maximumFractionDigits: 1 }).format(value);
}

/** Dollars as the app shows them (two to four decimals): `$0.0012`, `0,00 $US`. */
export function usd(value: number, lang: ReportLang): string {
  return new Intl.NumberFormat(lang, { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 4 }).format(
    value,
  );
}
