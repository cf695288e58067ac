// Small text helpers for the simulator's rule engine: normalisation, content words,
// and a rough English/French guess. Crude on purpose — it only has to be believable.

export type Language = 'en' | 'fr';

/** Lower-case and strip accents so "Réponds" and "reponds" match the same rule. */
export function normalize(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

// Endings tried longest first, on accent-free text: English -ing/-ed/-s/-es, French verb and
// agreement endings (-é/-ée/-és become -e/-ee/-es once accents are stripped, -er, -ez, -ons, -ent),
// and the -ation/-ement nouns, so "unplugged"/"unplug", "remboursé"/"rembourser",
// "déménagement"/"déménage", "cancellation"/"cancel" meet.
const SUFFIXES: Array<[string, number]> = [
  ['ements', 4], ['ement', 4], ['ations', 4], ['ation', 4], ['ings', 3], ['ing', 3], ['ies', 3],
  ['ees', 3], ['ers', 4], ['ee', 3], ['es', 3], ['ed', 3], ['er', 4], ['ez', 3], ['ons', 4], ['ent', 4], ['e', 3], ['s', 3], ['x', 3],
];

// Function words plus the vocabulary of instructions themselves ("answer", "question"…),
// so that a question does not look on-topic just because the prompt says "answer questions".
// Longer, realistic questions carry many of these ("I'm", "since", "depuis"…): left out, they
// no longer dilute the overlap between a question and a fact.
const STOPWORDS = new Set(
  (
    'the a an and or but if then else of to in on at by for with from as is are was were be been ' +
    'being do does did have has had can could would should will shall may might must not no yes ' +
    'this that these those it its it\'s i you he she we they me my your our their them what which ' +
    'who whom whose when where why how all any some each every more most other such only own same ' +
    'so than too very just about into over under again there here out up off also please ' +
    'answer answers question questions user users customer customers assistant help reply respond ' +
    'always never only say tell know want need like get got make use used using give thanks thank ' +
    'hello hi hey bonjour salut merci ' +
    'since still now yet already really actually ever even though because while after before ' +
    'im ive id dont cant wont doesnt isnt mine myself something anything thing things ok okay ' +
    'le la les un une des du de d l et ou mais si alors est sont etait etre avoir a ai as avez ont ' +
    'ce cet cette ces il elle ils elles je tu nous vous on me te se mon ma mes ton ta tes son sa ses ' +
    'notre nos votre vos leur leurs que qui quoi dont ou quand comment pourquoi quel quelle quels ' +
    'quelles pour par avec sans dans sur sous en au aux ne pas tres tout tous toute ' +
    'toutes aussi bien peux peut pouvez veux voudrais faut reponds repondez reponse question ' +
    'depuis encore deja car donc comme suis sommes etes avons fait faire fais chez entre vers ' +
    'ceci cela ca oui non rien chose quelque moi toi lui eux quoi voici voila ' +
    "what's it's i'm that's there's don't can't won't doesn't isn't " +
    'questions utilisateur client clients assistant aide aider jamais toujours seulement uniquement ' +
    'dire sais savoir svp stp much many'
  ).split(/\s+/),
);

// A few synonyms support questions use for the same thing, across both languages. Keys and
// values go through stem() once here, so the table is written with plain words.
const SYNONYM_WORDS: Record<string, string> = {
  price: 'cost', pricing: 'cost', prix: 'cost', cout: 'cost', tarif: 'cost', fee: 'cost', charge: 'cost',
  remboursement: 'refund', rembourser: 'refund', abonnement: 'plan', subscription: 'plan', offre: 'plan', forfait: 'plan',
  down: 'outage', panne: 'outage', coupure: 'outage', coupe: 'outage', broken: 'outage',
  routeur: 'router', box: 'router', modem: 'router',
  moving: 'move', relocate: 'move', demenager: 'move', demenagement: 'move',
};
const SYNONYMS = new Map(Object.entries(SYNONYM_WORDS).map(([word, canonical]) => [stem(word), stem(canonical)]));

// Amounts per period read as "cost", so "how much does it cost?" finds "25 €/month".
const PRICE = /[€$£]|per month|\/month|par mois|\/mois/i;

/** Content words, lightly stemmed, used to match questions to facts. */
export function contentWords(text: string): string[] {
  // French elisions ("l'offre", "qu'est") are split off; English contractions stay whole.
  const words = normalize(text).replace(/\b(?:[ldjmnstc]|qu)'(?=[a-z])/g, '').replace(/'s\b/g, '').match(/[a-z0-9]+(?:'[a-z]+)?/g) ?? [];
  const stems = words
    .filter((word) => word.length >= 3 && !STOPWORDS.has(word))
    .map((word) => {
      const stemmed = stem(word);
      return SYNONYMS.get(stemmed) ?? stemmed;
    });
  return PRICE.test(text) ? [...stems, 'cost'] : stems;
}

/** A light suffix-stripper (the minimum stem length per ending keeps "client", "plus", "bus" whole). */
export function stem(input: string): string {
  const word = normalize(input);
  if (word.length < 4) return word;
  if (word.length === 4) return word.replace(/e$/, ''); // "move" meets "moving"
  let base = word;
  for (const [suffix, minimum] of SUFFIXES) {
    if (word.endsWith(suffix) && word.length - suffix.length >= minimum) {
      base = suffix === 'ies' ? `${word.slice(0, -3)}y` : word.slice(0, -suffix.length);
      break;
    }
  }
  // "moving" → "mov", like "move"; "unplugged" → "unplug"; "cancell(ation)" → "cancel".
  base = base.replace(/e$/, '');
  return base.length >= 4 ? base.replace(/([b-df-hj-np-tv-z])\1$/, '$1') : base;
}

const FRENCH_MARKERS =
  /\b(le|la|les|des|est|une|vous|je|tu|nous|pour|avec|quel|quelle|comment|pourquoi|bonjour|est-ce|combien|votre|mon|ma|mes|puis|dois|faut|c'est|qu'est|sont|merci)\b/g;
const ENGLISH_MARKERS =
  /\b(the|is|are|you|your|what|how|why|which|can|does|do|with|for|my|please|hello|there|much|many|this|that|will)\b/g;

/** Which of the two languages a message is in: counts frequent function words. */
export function guessLanguage(text: string): Language {
  const lower = normalize(text);
  const french = lower.match(FRENCH_MARKERS)?.length ?? 0;
  const english = lower.match(ENGLISH_MARKERS)?.length ?? 0;
  return french > english ? 'fr' : 'en';
}

export function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/** Splits prose into sentences, keeping their closing punctuation. */
export function sentences(text: string): string[] {
  // Split after closing punctuation followed by a space, so "€41.99" stays whole.
  return text
    .split(/(?<=[.!?]["»)]?)\s+(?=[^\s?!:;»])/)
    .map((sentence) => sentence.trim())
    .filter(Boolean);
}
