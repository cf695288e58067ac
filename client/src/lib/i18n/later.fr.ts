import type { laterEn } from './later.en';

// Ce que montrent les parties différées de l'espace de travail (later.en.ts), mêmes clés.
export const laterFr: Record<keyof typeof laterEn, string> = {
  'ws.brief.contents': 'Sections des consignes',
  'ws.brief.intro': 'La situation',
  'ws.brief.knowledge': 'Base de connaissances',

  'ws.focus.title': 'Prompt système, en grand',
  'ws.focus.chars': '{count} caractères',
  'ws.focus.markSeen': 'Marquer comme lu',
  'ws.focus.close': 'Retour à l’espace de travail',
  'ws.focus.diffLabel': 'Le prompt, avec ce qui a changé depuis votre dernière lecture',

  'ws.diff.title': 'Différences',
  'ws.diff.from': 'De',
  'ws.diff.to': 'à',
  'ws.diff.same': 'Aucune différence',
  'ws.diff.words': 'mots',

  'ws.flags.empty':
    'Aucun signalement. Signalez des réponses fausses, contraires à l’éthique ou bonnes depuis la conversation ou les résultats de tests.',
  'ws.flags.show': 'Afficher',
  'ws.flags.inTest': 'Test : {title}',

  'ws.tests.input': 'Entrée',
  'ws.tests.noAnswer': 'Pas encore de réponse.',
  'ws.tests.noChecks': 'Ce cas n’a pas de vérification automatique : lisez la réponse.',

  'ws.compare.empty': 'Enregistrez au moins une version pour comparer.',
  'ws.compare.left': 'Gauche',
  'ws.compare.right': 'Droite',
  'ws.compare.answers': 'Réponses aux mêmes entrées',
  'ws.compare.run': 'Lancer {version}',
  'ws.compare.noRun': 'Pas encore lancé',

  'ws.tpl.insert': 'Partir de mes signalements et versions',
  'ws.tpl.append': 'Ajouter le modèle à la suite',
  'ws.tpl.title': 'Défauts signalés et comment je les ai corrigés',
  'ws.tpl.flag': '{n}. {kind} : {reason}',
  'ws.tpl.where': 'Où : {place}, {time}',
  'ws.tpl.answer': 'Réponse : « {text} »',
  'ws.tpl.fixedBy': 'Version qui l’a corrigé :',
  'ws.tpl.noVersion': 'aucune version enregistrée depuis ce signalement — quelle modification le corrige ?',
  'ws.tpl.checked': 'Comment j’ai vérifié :',
  'ws.tpl.caseResult': 'ce cas de test sur {version} : {passed}/{graded} réponses réussies',
  'ws.tpl.runResult': 'suite de tests sur {version} : {passed}/{graded} réponses réussies',
  'ws.tpl.notChecked': 'pas encore vérifié — lancez les tests sur la version, ou reposez la question',
  'ws.tpl.stillOpen': 'Ce qui n’est pas corrigé (ou pas corrigeable par un prompt)',
  'ws.tpl.stillOpenHint': 'ce qui reste, et pourquoi',
  'ws.tpl.versions': 'Mes versions',
  'ws.tpl.noFlags': 'Aucune réponse signalée comme fausse ou contraire à l’éthique : signalez les défauts trouvés, puis repartez d’ici.',

  'ws.writeup.label': 'Compte rendu',
  'ws.writeup.mode': 'Écrire ou prévisualiser',
  'ws.writeup.write': 'Écrire',
  'ws.writeup.preview': 'Aperçu',
  'ws.writeup.help':
    'Markdown. Pour chaque défaut signalé : quel changement l’a corrigé, comment vous l’avez vérifié, ce qui n’est pas encore corrigé.',
  'ws.writeup.placeholder': '## Ce que j’ai changé et pourquoi…',
  'ws.writeup.empty': 'Rien d’écrit pour l’instant.',
  'ws.writeup.saved': 'Enregistré à {time}',

  'ws.submit.button': 'Soumettre',
  'ws.submit.confirm': 'Soumettre votre travail maintenant ? La session se termine et plus rien ne pourra être modifié.',
  'ws.submit.confirmEmpty':
    'Votre compte rendu est vide. Soumettre quand même ? La session se termine et plus rien ne pourra être modifié.',
  'ws.submit.yes': 'Oui, soumettre',

  'ws.check.simulatedJudge': 'juge simulé',

  'ws.judge.details': 'Comment le juge a noté',
  'ws.judge.model': 'Juge',
  'ws.judge.standsIn': '(à la place de {model}, non configuré ici)',
  'ws.judge.request': 'Requête',
  'ws.judge.answer': 'Réponse brute',
  'ws.judge.usage': 'Jetons et coût',
  'ws.judge.cause': 'Message du fournisseur (équipe seulement)',

  'judge.failure.timeout': 'le juge n’a pas répondu à temps.',
  'judge.failure.unparsable': 'la réponse du juge n’a pas pu être lue comme un verdict.',
  'judge.failure.provider': 'le modèle juge a échoué.',
  'judge.failure.cancelled': 'la notation a été arrêtée.',
  'judge.failure.interrupted': 'la notation a été coupée par l’arrêt du serveur.',

  'ws.flags.inCompare': 'Face-à-face, côté {side}',

  'ws.compare.byCase': 'Résultats des tests côte à côte',

  'ws.h2h.title': 'Face-à-face',
  'ws.h2h.help':
    'Envoyez un message aux deux côtés à la fois — deux versions du prompt, deux modèles, ou les deux — et dites quelle réponse est la meilleure.',
  'ws.h2h.sideA': 'Côté A',
  'ws.h2h.sideB': 'Côté B',
  'ws.h2h.version': 'Prompt',
  'ws.h2h.message': 'Message pour les deux côtés',
  'ws.h2h.send': 'Envoyer aux deux',
  'ws.h2h.empty': 'Aucune comparaison pour l’instant.',
  'ws.h2h.noneYet': 'Aucun face-à-face pour l’instant.',
  'ws.h2h.choice.a': 'A',
  'ws.h2h.choice.b': 'B',
  'ws.h2h.choice.tie': 'Égalité',
  'ws.h2h.winner.a': 'A est meilleure',
  'ws.h2h.winner.b': 'B est meilleure',
  'ws.h2h.winner.tie': 'Égalité',
  'ws.h2h.reason': 'Pourquoi',
  'ws.h2h.reasonPlaceholder': 'Pourquoi (facultatif)',
  'ws.h2h.record': 'Enregistrer le verdict',
  'ws.h2h.change': 'Changer le verdict',
};
