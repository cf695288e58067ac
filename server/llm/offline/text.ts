// Small text helpers for the simulator's rule engine: normalisation, a rough English/French
// guess, sentences. The terms retrieval ranks on are analyze.ts's.

export type Language = 'en' | 'fr';

/** Lower-case and strip accents so "Réponds" and "reponds" match the same rule. */
export function normalize(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

const FRENCH_MARKERS =
  /\b(le|la|les|des|est|une|vous|je|tu|nous|pour|avec|quel|quelle|comment|pourquoi|bonjour|est-ce|combien|votre|mon|ma|mes|puis|dois|faut|c'est|qu'est|sont|merci)\b/g;
const ENGLISH_MARKERS = /\b(the|is|are|you|your|what|how|why|which|can|does|do|with|for|my|please|hello|there|much|many|this|that|will)\b/g;

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

/** The language of a message, or `fallback` when it has too few words to tell ("Box ?"). */
export function languageOf(text: string, fallback: Language): Language {
  const lower = normalize(text);
  const french = lower.match(FRENCH_MARKERS)?.length ?? 0;
  const english = lower.match(ENGLISH_MARKERS)?.length ?? 0;
  if (french === english) return fallback;
  return french > english ? 'fr' : 'en';
}
