import { noticeFr } from './notice.fr';
import type { sessionEn } from './session.en';

// Le cadre d'une session en direct (session.en.ts), mêmes clés.
export const sessionFr: Record<keyof typeof sessionEn, string> = {
  ...noticeFr,
  'conn.connecting': 'Connexion…',
  'conn.live': 'Connecté',
  'conn.reconnecting': 'Reconnexion…',
  'conn.closed': 'Déconnecté',
  'conn.label': 'Connexion : {state}',

  'closed.unauthorized':
    'Votre accès à cette session est absent, expiré ou révoqué. Rouvrez votre lien d’invitation ou demandez-en un nouveau.',
  'closed.sessionErased': 'Cette session a été effacée.',
  'closed.protocol': 'Cette page n’est plus à jour. Rechargez-la pour continuer.',
  'closed.tooManySockets': 'Cette session est ouverte dans trop d’onglets. Fermez-en un, puis rechargez.',
  'closed.forbidden': 'Cette page n’est pas autorisée à se connecter à la session.',
  'closed.notFound': 'Cette session n’existe pas.',
  'closed.other': 'La connexion s’est fermée. Rechargez la page pour vous reconnecter.',

  'session.loading': 'Chargement de la session…',
  'session.timeLeft': 'Temps restant',
  'session.timeLeftLabel': 'Temps restant : {time}',
  'session.timeUnset': 'Pas commencée',
  'session.untitled': 'Session',
  'session.ended.title': 'La session est terminée',
  'session.ended.time_up': 'Le temps est écoulé. Votre travail est enregistré ; vous pouvez le lire mais plus le modifier.',
  'session.ended.submitted': 'Vous avez rendu votre travail. Merci ! Vous pouvez le lire mais plus le modifier.',
  'session.ended.ended_by_staff':
    'L’intervieweur·euse a terminé la session. Votre travail est enregistré ; vous pouvez le lire mais plus le modifier.',
  'session.endedStaff.time_up': 'Le temps est écoulé. La session est en lecture seule.',
  'session.endedStaff.submitted': 'Le ou la candidat·e a rendu son travail. La session est en lecture seule.',
  'session.endedStaff.ended_by_staff': 'L’équipe a terminé la session. Elle est en lecture seule.',

  'candidate.brief.title': 'Votre exercice',
  'candidate.start.help': 'Le chronomètre ({minutes} min) démarre quand vous appuyez sur Commencer.',
  'candidate.start': 'Commencer',
  'candidate.start.working': 'Démarrage…',

  'prompt.label': 'Prompt système',
  'prompt.help': 'Envoyé avant chaque message. L’intervieweur·euse le voit pendant que vous tapez.',
  'prompt.observerLabel': 'Prompt système du ou de la candidat·e (brouillon en direct)',

  'chat.title': 'Conversation',
  'chat.empty': 'Aucun message. Écrivez-en un ci-dessous pour parler au chatbot.',
  'chat.emptyObserver': 'Aucun message.',
  'chat.user': 'Candidat·e',
  'chat.customer': 'Client·e (journal du support)',
  'chat.assistant': 'Chatbot',
  'chat.simulator': 'Simulateur hors ligne',
  'chat.simulatorFast': 'Simulateur hors ligne (rapide)',
  'chat.streaming': 'Rédaction…',
  'chat.stopped': 'Arrêtée avant la fin.',
  'chat.stoppedByEnd': 'Arrêtée à la fin de la session.',
  'chat.failed': 'Pas de réponse cette fois : {message}',
  'chat.meta.estimated': 'estimé',
  'chat.meta.noCost': 'sans coût',

  'composer.label': 'Votre message',
  'composer.placeholder': 'Écrivez un message…',
  'composer.send': 'Envoyer',
  'composer.stop': 'Arrêter',
  'composer.shortcut': '{key}+Entrée pour envoyer',
  'composer.model': 'Modèle',
  'composer.modelSimulated': '{label} (simulateur)',
  'composer.tooLong': 'Trop long : {count} caractères de trop.',

  'notes.pinnedAt': 'épinglée à {time}',
  'notes.by': 'par {name}',

  'observer.candidate': 'Candidat·e : {name}',
  'chat.meta.tokens': '{input} en entrée · {output} en sortie (jetons)',
};
