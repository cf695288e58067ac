import type { meEn } from './me.en';

// « Mes entretiens » et la connexion de l'équipe (répandus dans fr.ts), mêmes clés que me.en.ts.
export const meFr: Record<keyof typeof meEn, string> = {
  'me.title': 'Mes entretiens',
  'me.signIn.title': 'Connexion de l’équipe',
  'me.signIn.help': 'Connectez-vous avec votre compte pour voir les sessions que vous menez ou évaluez.',
  'me.signIn.email': 'E-mail',
  'me.signIn.password': 'Mot de passe',
  'me.signIn.submit': 'Se connecter',
  'me.signIn.working': 'Connexion…',
  'me.signIn.invalid': 'E-mail ou mot de passe incorrect, ou compte désactivé.',
  'me.signIn.sso': 'Se connecter avec le compte de l’entreprise',
  'me.signedInAs': 'Connecté·e en tant que {name}',
  'me.signOut': 'Se déconnecter',
  'me.refresh': 'Actualiser',
  'me.bucket.live': 'En cours',
  'me.bucket.upcoming': 'À venir',
  'me.bucket.to_review': 'À évaluer',
  'me.bucket.reviewed': 'Évaluées',
  'me.empty': 'Rien ici.',
  'me.noRole': 'Votre compte n’a pas encore de rôle : un·e admin vous en attribue un.',
  'me.openConsole': 'Ouvrir la console en direct',
  'me.openReplay': 'Ouvrir la relecture',
  'me.candidateHidden': 'Candidat·e (masqué·e pour l’évaluation)',
  'me.scheduledFor': 'Prévue le {when}',
  'me.createdAt': 'Créée le {when}',
  'me.admin': 'Administration',
};
