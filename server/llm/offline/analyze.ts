// Turns text into the terms the simulator's retrieval ranks on: multi-word cues become their
// concept, then the remaining words lose their stop words and are stemmed (Snowball, English or
// French), and each stem that names a support concept brings the concept along. Knowledge-base
// entries and questions go through the same function, so they meet on stems and concepts.

import { newStemmer, type Stemmer } from 'snowball-stemmers';
import { PHRASE_CUES, STOP_WORDS, WORD_CONCEPTS, type Concept } from './lexicon';
import { normalize, type Language } from './text';

const STEMMERS: Record<Language, Stemmer> = { en: newStemmer('english'), fr: newStemmer('french') };
const STEMS = new Map<string, string>();

/** A concept term is spelled `~name`, so it can never collide with a stem. */
export const conceptTerm = (concept: Concept): string => `~${concept}`;
export const isConcept = (term: string): boolean => term.startsWith('~');

/** Snowball stem of one word, accents removed afterwards so "demenagement" meets "déménagement". */
export function stemWord(word: string, language: Language): string {
  const key = `${language}:${word}`;
  const known = STEMS.get(key);
  if (known !== undefined) return known;
  const stem = normalize(STEMMERS[language].stem(word.toLowerCase()));
  // A bounded memo: prompts repeat their words, and a 60,000-character one must not grow it forever.
  if (STEMS.size >= 20_000) STEMS.clear();
  STEMS.set(key, stem);
  return stem;
}

// Each concept word is stemmed in both languages, so a word finds its concept whichever
// language the text was guessed to be in.
const CONCEPT_OF_STEM = new Map<string, Concept>();
for (const [concept, words] of WORD_CONCEPTS) {
  for (const word of words.split(/\s+/)) {
    for (const language of ['en', 'fr'] as const) CONCEPT_OF_STEM.set(stemWord(word, language), concept);
  }
}

/** The concept a term stands for: itself for a concept, its concept for a concept word's stem. */
export function evidenceOf(term: string): string {
  const concept = CONCEPT_OF_STEM.get(term);
  return concept ? conceptTerm(concept) : term;
}

// Amounts per period read as a price, so "how much?" finds "25 €/month".
const PRICE = /[€$£]|\bper month\b|\/month\b|\bpar mois\b|\/mois\b|\beuros?\b/;
const SPEED = /\d\s?[mg]b\/s\b|\b[mg]bps\b/;
// Words are letters and digits; an apostrophe inside English contractions is dropped with
// them ("don't" → "dont", a stop word), French elisions are cut off ("l'offre" → "offre").
const WORD = /[a-z0-9]+/g;
const ELISION = /\b(?:[cdjlmnst]|qu)'(?=[a-z])/g;

/** The terms of a text, in order; concepts first for the cues found before splitting. */
export function analyze(text: string, language: Language): string[] {
  let rest = normalize(text).replace(/[’‘]/g, "'");
  const terms: string[] = [];
  for (const [concepts, cue] of PHRASE_CUES) {
    rest = rest.replace(cue, () => {
      for (const concept of Array.isArray(concepts) ? concepts : [concepts]) terms.push(conceptTerm(concept));
      return ' ';
    });
  }
  rest = rest.replace(ELISION, ' ').replace(/'/g, '');
  for (const [word] of rest.matchAll(WORD)) {
    if (STOP_WORDS.has(word) || (word.length < 2 && !/\d/.test(word))) continue;
    const stem = stemWord(word, language);
    terms.push(stem);
    const concept = CONCEPT_OF_STEM.get(stem);
    if (concept) terms.push(conceptTerm(concept));
  }
  const plain = normalize(text);
  if (PRICE.test(plain)) terms.push(conceptTerm('cost'));
  if (SPEED.test(plain)) terms.push(conceptTerm('speed'));
  return terms;
}

/** The distinct terms of a text. */
export function termSet(text: string, language: Language): Set<string> {
  return new Set(analyze(text, language));
}
