// The summary's charts and score figures (an area of areas.ts). French in report.fr.ts, same keys.
export const reportEn = {
  'report.agreement': 'Agreement: {value} of criteria scored within one level of each other, over {count} criteria (submitted scores only)',
  'report.agreementOne': 'Agreement: {value} of criteria scored within one level of each other, over 1 criterion (submitted scores only)',
  'report.noAgreement': 'Agreement within one level: needs two submitted scores on a criterion',
  'report.draft': 'draft',
  'report.draftHelp': 'Not submitted yet: shown, but left out of the mean, the spread and the agreement.',
  'report.axis.actions': 'actions',
  'report.axis.minutes': 'minutes since the start',
  'report.axis.level': 'level',
  'report.axis.passed': 'answers passed',
  'report.list.score': 'Score',
  'report.list.open': 'Open',
  'report.list.replay': 'Replay ↗',
  'report.list.console': 'Console ↗',
  'report.answersChat': '{n} in the chat',
  'report.schedule.blind': 'Blind review',
  'report.schedule.blindHelp': 'Reviewers see neither the candidate’s name nor their email.',
} as const;
