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

// Function words plus the vocabulary of instructions themselves ("answer", "question"…),
// so that a question does not look on-topic just because the prompt says "answer questions".
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
    'le la les un une des du de d l et ou mais si alors est sont etait etre avoir a ai as avez ont ' +
    'ce cet cette ces il elle ils elles je tu nous vous on me te se mon ma mes ton ta tes son sa ses ' +
    'notre nos votre vos leur leurs que qui quoi dont ou quand comment pourquoi quel quelle quels ' +
    'quelles pour par avec sans dans sur sous en au aux ne pas tres tout tous toute ' +
    'toutes aussi bien peux peut pouvez veux voudrais faut reponds repondez reponse question ' +
    "what's it's i'm that's there's don't can't won't doesn't isn't " +
    'questions utilisateur client clients assistant aide aider jamais toujours seulement uniquement ' +
    'dire sais savoir svp stp much many'
  ).split(/\s+/),
);

// A few synonyms support questions use for the same thing, across both languages.
const SYNONYMS: Record<string, string> = {
  price: 'cost', pricing: 'cost', prix: 'cost', cout: 'cost', coutent: 'cost', tarif: 'cost', fee: 'cost',
  rembours: 'refund', remboursement: 'refund', abonnement: 'plan', subscription: 'plan', offre: 'plan', forfait: 'plan',
  down: 'outage', panne: 'outage', coupure: 'outage', broken: 'outage', outag: 'outage',
  router: 'router', routeur: 'router', box: 'router', modem: 'router',
  mov: 'move', demenag: 'move', demenagement: 'move',
};

// Amounts per period read as "cost", so "how much does it cost?" finds "25 €/month".
const PRICE = /[€$£]|per month|\/month|par mois|\/mois/i;

/** Content words, crudely stemmed (plural s/x dropped), used to match questions to facts. */
export function contentWords(text: string): string[] {
  // French elisions ("l'offre", "qu'est") are split off; English contractions stay whole.
  const words = normalize(text).replace(/\b(?:[ldjmnstc]|qu)'(?=[a-z])/g, '').replace(/'s\b/g, '').match(/[a-z0-9]+(?:'[a-z]+)?/g) ?? [];
  const stems = words.filter((word) => word.length >= 3 && !STOPWORDS.has(word)).map((word) => SYNONYMS[stem(word)] ?? stem(word));
  return PRICE.test(text) ? [...stems, 'cost'] : stems;
}

/** A crude suffix-stripper: "returned"/"return", "moving"/"move", "plans"/"plan" meet. */
function stem(word: string): string {
  if (word.length <= 4) return word;
  const stripped = word.replace(/(ing|ed|es|s|x|e)$/, '');
  return stripped.length >= 3 ? stripped.replace(/e$/, '') : word;
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
