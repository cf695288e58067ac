import type { reportEn } from './report.en';

// French for report.en.ts: the same keys.
export const reportFr: Record<keyof typeof reportEn, string> = {
  'report.agreement': 'Accord : {value} des critères notés à un niveau près, sur {count} critères (notes soumises uniquement)',
  'report.agreementOne': 'Accord : {value} des critères notés à un niveau près, sur 1 critère (notes soumises uniquement)',
  'report.noAgreement': 'Accord à un niveau près : il faut deux notes soumises sur un critère',
  'report.draft': 'brouillon',
  'report.draftHelp': 'Pas encore soumise : affichée, mais exclue de la moyenne, de l’écart et de l’accord.',
  'report.axis.actions': 'actions',
  'report.axis.minutes': 'minutes depuis le début',
  'report.axis.level': 'niveau',
  'report.axis.passed': 'réponses réussies',
  'report.list.score': 'Note',
  'report.list.open': 'Ouvrir',
  'report.list.replay': 'Rejeu ↗',
  'report.list.console': 'Console ↗',
  'report.answersChat': 'dont {n} dans la conversation',
  'report.schedule.blind': 'Évaluation à l’aveugle',
  'report.schedule.blindHelp': 'Les relecteur·rices ne voient ni le nom ni l’e-mail de la personne candidate.',
};
