import type { coreEn } from './core.en';

// Les messages que toute page peut montrer (core.en.ts), mêmes clés.
export const coreFr: Record<keyof typeof coreEn, string> = {
  'app.name': 'Atelier',
  'app.skipToContent': 'Aller au contenu',

  'lang.label': 'Langue',
  'lang.en': 'English',
  'lang.fr': 'Français',

  'common.cancel': 'Annuler',
  'common.reload': 'Recharger la page',
  'common.loading': 'Chargement…',
  'common.dismiss': 'Fermer',

  'role.candidate': 'Candidat·e',
  'role.interviewer': 'Intervieweur·euse',
  'role.reviewer': 'Relecteur·rice',
  'role.admin': 'Admin',

  'status.scheduled': 'Planifiée',
  'status.live': 'En cours',
  'status.ended': 'Terminée',

  'notFound.title': 'Page introuvable',
  'notFound.body': 'Il n’y a rien à cette adresse. Vérifiez le lien que vous avez reçu.',

  'join.title': 'Connexion à la session',
  'join.working': 'Vérification de votre invitation…',
  'join.missingToken': 'Ce lien ne contient pas d’invitation. Ouvrez le lien complet reçu, ou demandez-en un nouveau.',
  'join.failed': 'Impossible de vous faire entrer.',
  'join.early.title': 'Vous êtes en avance',
  'join.early.body': 'Vous pouvez lire l’énoncé dès maintenant ; le chronomètre ne démarre que lorsque vous appuyez sur Commencer.',
  'join.early.continue': 'Continuer vers l’énoncé',

  'planned.when': 'Prévue le {date} à {time} (votre heure)',
  'planned.in': 'dans {wait}',
  'planned.opensAt': 'Vous pourrez commencer à partir de {time}.',
  'planned.opensAtDay': 'Vous pourrez commencer à partir du {date} à {time}.',
  'planned.earlyAllowed': 'L’intervieweur·euse vous permet de commencer dès maintenant.',
  'planned.staffOpensAt': 'Le ou la candidat·e pourra commencer à partir de {time}.',
  'planned.staffOpensAtDay': 'Le ou la candidat·e pourra commencer à partir du {date} à {time}.',
  'planned.staffEarlyAllowed': 'Démarrage anticipé autorisé : le ou la candidat·e peut commencer.',
  'planned.staffEarlyAllowedBy': 'Démarrage anticipé autorisé par {name} : le ou la candidat·e peut commencer.',
  'planned.allow': 'Autoriser un démarrage anticipé',
  'planned.allowConfirm': 'Permettre au ou à la candidat·e de commencer maintenant, avant l’heure prévue ? Ce choix est enregistré.',
  'planned.allowYes': 'Autoriser maintenant',

  'time.minutes': '{minutes} min',
  'time.hoursMinutes': '{hours} h {minutes} min',
  'time.days': '{days} jours',

  'failure.auth':
    'Le modèle n’est pas disponible pour le moment. L’intervieweur·euse a été prévenu·e ; essayez un autre modèle ou continuez.',
  'failure.rate_limit': 'Le modèle est occupé. Attendez quelques secondes et renvoyez.',
  'failure.overloaded': 'Le modèle est surchargé. Attendez quelques secondes et renvoyez.',
  'failure.server': 'Le modèle a eu un problème pour répondre. Renvoyez, ou essayez un autre modèle.',
  'failure.context_length': 'La conversation est trop longue pour ce modèle. Commencez une nouvelle branche ou raccourcissez le prompt.',
  'failure.bad_request': 'Le modèle a refusé cette requête. Vérifiez les réglages et réessayez.',
  'failure.timeout': 'Le modèle a cessé de répondre, la réponse a donc été coupée. Renvoyez.',
  'failure.interrupted': 'La réponse a été coupée avant la fin. Renvoyez.',
  'failure.network': 'Le modèle n’a pas pu être joint. Renvoyez dans un instant.',
  'failure.unknown': 'Un problème est survenu pendant la réponse. Renvoyez.',

  'admin.links.copy': 'Copier',
  'admin.links.copied': 'Copié',
  'admin.links.copyFailed': 'Échec de la copie : sélectionnez le lien et copiez-le à la main.',
};
