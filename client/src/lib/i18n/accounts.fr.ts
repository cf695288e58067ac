import type { accountsEn } from './accounts.en';

// La page des comptes et le premier compte admin (une zone d’areas.ts), mêmes clés qu'accounts.en.ts.
export const accountsFr: Record<keyof typeof accountsEn, string> = {
  'admin.nav.accounts': 'Comptes',
  'admin.accounts.title': 'Comptes de l’équipe',
  'admin.accounts.help':
    'Les personnes qui mènent les entretiens, évaluent ou administrent. Désactiver un compte le déconnecte partout et ferme aussitôt ses sessions en direct ; ce qu’il a écrit lui reste attribué.',
  'admin.accounts.name': 'Nom',
  'admin.accounts.email': 'E-mail',
  'admin.accounts.roles': 'Rôles',
  'admin.accounts.status': 'État',
  'admin.accounts.active': 'Actif',
  'admin.accounts.inactive': 'Désactivé',
  'admin.accounts.deactivate': 'Désactiver',
  'admin.accounts.reactivate': 'Réactiver',
  'admin.accounts.roleToggle': 'Rôle {role} pour {name}',
  'admin.accounts.empty': 'Aucun compte pour l’instant.',
  'admin.accounts.create.title': 'Nouveau compte',
  'admin.accounts.create.password': 'Mot de passe (facultatif : vide pour la connexion unique seulement)',
  'admin.accounts.create.submit': 'Créer le compte',
  'admin.accounts.create.working': 'Création…',
  'admin.accounts.sso': 'SSO',
  'admin.setup.title': 'Créer le premier compte admin',
  'admin.setup.help':
    'Ce lien d’administration sert à l’installation : créez votre propre compte admin et son mot de passe. Ensuite, connectez-vous avec lui sur /me ; le jeton admin reste l’identifiant d’amorçage des scripts.',
  'admin.setup.password': 'Mot de passe (12 caractères au moins)',
  'admin.setup.submit': 'Créer mon compte admin',
  'admin.setup.working': 'Création…',
  'admin.setup.done': 'Votre compte admin est prêt et connecté.',
};
