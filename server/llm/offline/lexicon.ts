// The simulator's small bilingual lexicon: stop words for English and French, and the few
// support concepts that questions and knowledge bases name in different words ("down",
// "no internet", "plus de connexion" are all an outage). Concepts are what lets a French
// question reach an English fact, and a multi-word expression replace its words: "working from
// home" is not about "home", "moving home" is about moving.
//
// Everything here is written on normalize()d text: lower case, no accents.

// Function words, plus the vocabulary of instructions and requests themselves ("answer",
// "question", "help", "can"…), so that a question does not look on-topic because it says "help".
export const STOP_WORDS = new Set(
  // English
  (
    'a about above after again against all almost already also although always am an and another any anybody anyone anything ' +
    'are aren around as at be because been before being below between both but by can cannot cant could couldnt did didnt ' +
    'do does doesnt doing done dont during each either else even ever every everyone everything few for from further get gets ' +
    'getting got had hadnt has hasnt have havent having he her here hers herself him himself his how however i id if ill im in ' +
    'into is isnt it its itself ive just let lets like likely may me might mine more most much must my myself need needs neither ' +
    'no nor not now of off often ok okay on once one only or other others our ours ourselves out over own per perhaps please ' +
    'quite rather really same shall she should shouldnt since so some somebody someone something still such than thank thanks ' +
    'that thats the their theirs them themselves then there theres these they theyre thing things this those though through ' +
    'thus to too under until up upon us very via want wants was wasnt we well were werent what whats when where whether which ' +
    'while who whom whose why will with within without wont would wouldnt yes yet you youd youll your youre yours yourself ' +
    'yourselves hello hi hey dear regards ' +
    'answer answers question questions ask asking tell know say help reply respond assistant chatbot bot user users customer customers ' +
    'make use using used give tell explain anyway actually basically exactly maybe sure ' +
    // French
    'a ai aie aient aies ait alors as au aucun aucune aupres auquel aussi autre autres aux avais avait avant avec avez aviez ' +
    'avoir avons ayant bah bien bon bonjour bonsoir ca car ce ceci cela celle celles celui cependant certes ces cet cette ceux ' +
    'chaque chez ci comme comment d dans de des deja depuis dois doit donc dont du elle elles en encore entre es est et etaient ' +
    'etais etait etant ete etes etre eu eux faire fais fait faut font hein ici il ils j je jusqu jusque l la laquelle le lequel ' +
    'les lesquelles lesquels leur leurs lui m ma mais me meme memes merci mes moi mon n ne ni non nos notre nous on ont ou oui ' +
    'par parce pas peu peut peuvent peux plupart pour pourquoi pourrais pourriez pouvez puis puisque qu quand que quel quelle ' +
    'quelles quels qui quoi s sa sans se sera serait ses si sien soit sommes son sont souvent stp svp suis sur t ta te tes toi ton ' +
    'tous tout toute toutes tres tu un une unes uns voici voila vos votre voudrais vous vraiment y ' +
    'salut coucou reponds repondez reponse reponses question questions demande aide aider assistant client clients cliente ' +
    'utilisateur utilisateurs dire sais savoir veux veut voulez chose choses truc'
  ).split(/\s+/),
);

export type Concept =
  | 'outage'
  | 'refund'
  | 'move'
  | 'router'
  | 'plan'
  | 'cost'
  | 'cancel'
  | 'install'
  | 'billing'
  | 'coverage'
  | 'contract'
  | 'account'
  | 'speed'
  | 'duration'
  | 'date'
  | 'recent'
  | 'remote-work';

/**
 * Multi-word cues, tried before words are split: each match is replaced by its concept, so the
 * words inside it no longer count on their own. Plain alternations of words only, so that every
 * cue runs in linear time over a 60,000-character prompt.
 */
export const PHRASE_CUES: ReadonlyArray<[Concept | Concept[], RegExp]> = [
  // A short while ("two hours", "since this morning") is not the long outage a refund is for.
  [
    'recent',
    /\b(?:(?:[1-9]|1\d|2[0-3]|a|an|one|two|three|four|five|few|couple of|un|une|deux|trois|quatre|cinq|quelques) (?:hours?|heures?|minutes?|mins?)|(?:since |depuis )?(?:this morning|ce matin|today|aujourd'hui|tonight|ce soir|earlier today|tout a l'heure))\b/g,
  ],
  // "How long", "combien de temps": a length of time, not a price (tried before "combien").
  [
    'duration',
    /\b(?:how long|how many days|how soon|combien de temps|combien de jours|dans combien de (?:temps|jours)|sous combien de (?:temps|jours))\b/g,
  ],
  // Asking for one's own account data ("my last invoice", "mes coordonnées bancaires").
  [
    ['account', 'billing'],
    /\b(?:my (?:last |latest |previous )?(?:invoices?|bills?|balance|statements?|payment history)|bank details|my details|mes coordonnees(?: bancaires)?|coordonnees bancaires|ma (?:derniere )?facture|mes (?:dernieres )?factures|mon solde)\b/g,
  ],
  [
    ['cancel', 'contract'],
    /\b(?:stop (?:my|the) (?:contract|subscription)|end (?:my|the) (?:contract|subscription)|(?:contract|subscription) (?:ends|is over|finishes)|end of (?:my|the) (?:contract|subscription)|fin (?:de mon|du) (?:contrat|abonnement)|(?:contrat|abonnement) se termine|arreter (?:mon|le|l') ?(?:abonnement|contrat)|mettre fin (?:a|au) (?:mon |l')?(?:abonnement|contrat))\b/g,
  ],
  ['contract', /\b(?:locked in|lock-in|tied in|tie-in|minimum (?:term|period|length)|engage(?:e|s)? pour)\b/g],
  // A date ("next month", "en juin") says when, not what about: "monthly" is not asked for.
  [
    'date',
    /\b(?:next|this|last|coming) (?:week|month|year|monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend)|(?:in|by|from|since) (?:january|february|march|april|may|june|july|august|september|october|november|december)|tomorrow|tonight|le mois prochain|la semaine prochaine|l'annee prochaine|ce mois-ci|cette semaine|demain|(?:en|d'ici|fin|debut) (?:janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre)\b/g,
  ],
  [
    'remote-work',
    /\b(?:work(?:ing|s)? from home|home ?office|remote work(?:ing)?|teletravail\w*|en teletravail|travaille(?:r)? (?:a|de) la maison|travaille(?:r)? depuis chez moi)\b/g,
  ],
  [
    'move',
    /\b(?:mov(?:e|es|ed|ing) (?:home|house|flat|out|abroad)|new (?:address|home|house|flat|apartment|place)|change (?:of )?address|another (?:town|city|flat|house)|changement d'adresse|nouvelle adresse|nouveau logement|nouvel appartement|autre (?:ville|logement|appartement|maison|region)|(?:partons|pars|part|partir|allons) (?:vivre|habiter|nous installer|s'installer)|change[rsz]? de (?:ville|logement|maison|region))\b/g,
  ],
  [
    'outage',
    /\b(?:hors ligne|hors service|en panne|no (?:internet|connection|connexion|service|signal|wifi|wi-fi|network|line)|(?:internet|connection|wifi|wi-fi|line|service|network|broadband) (?:is |has been |went |keeps |was )?(?:down|dead|cut|lost|out|gone|dropping)|not working|(?:doesn't|does not|don't|won't|isn't|is not) work(?:ing)?|(?:can't|cannot|can not|unable to) (?:connect|get online|go online)|(?:keeps|kept) (?:dropping|cutting out|disconnecting)|plus de (?:connexion|internet|reseau|wifi|wi-fi|ligne)|pas de (?:connexion|internet|reseau|wifi|wi-fi)|(?:plus|pas) d'internet|sans (?:connexion|internet)|(?:n'arrive|n'arrivons) (?:plus|pas) a (?:me |nous )?connecter|impossible de (?:me |nous )?connecter|(?:ne peux|ne pouvons) plus (?:me |nous )?connecter|ne (?:marche|fonctionne|capte) (?:plus|pas)|n'(?:ai|avons) plus (?:internet|de connexion|de reseau)|(?:connexion|internet|ligne|wifi) (?:est |a ete )?(?:coupee?|tombee?|perdue?|hs))\b/g,
  ],
  // A length of time ("three days", "since Monday", "48 hours"): what decides an outage refund.
  [
    'duration',
    /\b(?:(?:\d+|a|one|two|three|four|five|six|seven|several|few|un|une|deux|trois|quatre|cinq|six|sept|plusieurs|quelques) (?:full )?(?:days?|hours?|weeks?|jours?|heures?|semaines?)\b|since (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|last \w+|the weekend)|depuis (?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|hier|avant-hier|la semaine|le week-end|ce week-end|\d+ jours?)|all (?:day|week|weekend)|toute la (?:journee|semaine)|(?:depuis|since|for|pendant|over|plus de|more than) \d+ ?h)\b/g,
  ],
  ['refund', /\b(?:money back|compensat\w*|dedommag\w*|indemni\w*|geste commercial|credit(?:ed)? (?:back|on my bill))\b/g],
  [
    'cancel',
    /\b(?:close my account|end (?:my|the) contract|stop (?:my|the) (?:contract|subscription)|mettre fin|arreter (?:mon|l') ?abonnement)\b/g,
  ],
  ['install', /\b(?:set ?up|get connected|mise en service|raccord\w*|branchement)\b/g],
  [
    'billing',
    /\b(?:direct debit|bank details|coordonnees bancaires|taken from my account|take (?:the |my )?(?:money|payment)|money (?:is )?taken|charge me|prelevez|preleve[rz]?)\b/g,
  ],
  ['cost', /\b(?:how much|combien|free of charge|no charge|sans frais|aucun frais|payante?s?)\b/g],
  ['account', /\b(?:personal data|personal details|my details|donnees personnelles|mot de passe|password)\b/g],
  [
    'coverage',
    /\b(?:available (?:at|in|where)|disponible (?:a|chez|dans)|my (?:area|street|village|town|address)|mon (?:quartier|village|adresse)|ma (?:rue|ville|commune))\b/g,
  ],
];

/** Single words (written plainly, stemmed once at load) and the concept each one names. */
export const WORD_CONCEPTS: ReadonlyArray<[Concept, string]> = [
  [
    'outage',
    'outage outages down offline disconnected disconnection fault faults panne pannes coupure coupures coupe depannage dysfonctionnement',
  ],
  ['refund', 'refund refunds refunded reimburse reimbursed reimbursement remboursement remboursements rembourse rembourser compensation'],
  ['move', 'move moving relocate relocating relocation demenager demenagement demenage demenageons'],
  ['router', 'router routers box brightbox modem routeur hub'],
  ['plan', 'plan plans offer offers package packages tariff offre offres forfait forfaits formule'],
  [
    'cost',
    'cost costs price prices pricing priced fee fees cheap cheaper cheapest expensive prix tarif tarifs cout coute coutent cher chere frais payant payante gratuit free',
  ],
  ['cancel', 'cancel cancels cancelled cancelling cancellation terminate termination resilier resiliation resilie'],
  ['install', 'install installation installed installing technician engineer installer technicien'],
  [
    'billing',
    'bill bills billing invoice invoices payment payments pay paid charged facture factures facturation prelevement preleve paiement',
  ],
  [
    'coverage',
    'coverage cover covered eligible eligibility area everywhere village villages rural countryside town street road avenue lane rue boulevard chemin fibre fiber eligibilite couverture couvert couverte couvrez couvrir partout campagne',
  ],
  [
    'contract',
    'contract contracts commitment term notice subscription subscriptions contrat contrats engagement preavis abonnement abonnements',
  ],
  ['account', 'account accounts login compte comptes identifiant'],
  ['speed', 'speed speeds fast faster fastest slow bandwidth download mbps gbps debit vitesse rapide lent'],
];
