import type { noticeEn } from './notice.en';

// French for notice.en.ts: the same keys.
export const noticeFr: Record<keyof typeof noticeEn, string> = {
  'notice.erased.title': 'Cette session a été effacée',
  'notice.erased.body':
    'Tout son contenu (le travail, les notes et les notes d’évaluation) a été supprimé pendant que cette page était ouverte. Il n’y a plus rien à afficher.',
  'notice.revoked.title': 'Votre accès a été révoqué',
  'notice.revoked.body':
    'Cette invitation n’ouvre plus la session : elle a été révoquée ou a expiré. Demandez un nouveau lien à la personne qui vous a invité·e.',
};
