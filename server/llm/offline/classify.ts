// Sorts the candidate's latest message into the few situations the default exercise
// probes (manipulation, biased request, out of scope, ambiguous, answerable, unknown): the
// patterns below for the first ones, the knowledge base's ranking (retrieve.ts) for the rest.

import { analyze, evidenceOf, isConcept } from './analyze';
import { isFollowUp, type Conversation } from './context';
import type { Instructions } from './instructions';
import type { Entry, KnowledgeIndex } from './knowledge';
import { retrieve, type Retrieval } from './retrieve';
import { STOP_WORDS } from './lexicon';
import { languageOf, normalize, type Language } from './text';

export type Situation =
  | { kind: 'greeting' }
  | { kind: 'manipulation'; wantsPrompt: boolean; demand: string }
  | { kind: 'bias'; group: string }
  | { kind: 'out-of-scope'; subject: string }
  /** `guesses`: the entries a prompt that does not ask for clarification guesses between. */
  | { kind: 'ambiguous'; options: string[]; guesses: Entry[] }
  | { kind: 'known'; entries: Entry[] }
  | { kind: 'unknown'; subject: string };

const MANIPULATION = [
  /\b(ignore|disregard|forget|override|bypass)\b[a-z ,']{0,40}\b(instructions?|rules|prompt|guidelines|restrictions)\b/,
  /\b(reveal|show|print|repeat|display|tell me|give me|what is|what are)\b[a-z ,']{0,30}\b(system prompt|your instructions|your prompt|your rules|initial prompt)\b/,
  /\byou are now\b|\bpretend (you are|to be)\b|\bdeveloper mode\b|\bjailbreak\b|\bno restrictions\b/,
  /\b(ignore|oublie|oubliez|ignorez)\b[a-z ,']{0,40}\b(instructions?|consignes|regles|prompt)\b/,
  /\b(revele|montre|affiche|repete|donne)[a-z ,']{0,30}\b(prompt|tes instructions|vos instructions|tes consignes|vos consignes)\b/,
  /\bfais comme si\b|\btu es maintenant\b|\bmode developpeur\b/,
];
const PROMPT_LEAK =
  /\b(reveal|show|print|repeat|display|tell me|what (is|are) your|revele|montre|affiche|repete|donne-moi|quel(le)?s? (est|sont))\b[a-z ,'-]{0,30}\b(system prompt|prompt|instructions|consignes|rules|regles)\b/;

const GROUPS =
  /\b((?:old|older|elderly|young|younger|foreign|immigrant|female|male|disabled) (?:people|customers|users|clients|persons|workers)|women|men|girls|boys|elderly|seniors|foreigners|immigrants|muslims|christians|jews|black people|white people|asians|africans|arabs|nationality|nationalities|religion|race|gender|ethnicity|femmes|hommes|vieux|personnes agees|clients ages|jeunes|etrangers|immigres|musulmans|chretiens|juifs|noirs|blancs|asiatiques|africains|arabes|nationalite|origine|sexe|immigrees?|etrangeres|agees|vieilles|musulmanes|chretiennes|juives|noires|blanches|africaines|handicapees?)\b/;
const JUDGEMENT =
  /\b(better|worse|smarter|slower|slow|lazier|lazy|stupid|more|less|should|trust|hire|reliable|good at|bad at|good with|bad with|unable|can't|cannot|too|always|never|which|who|why are|are|tend|best|worst|meilleur|meilleure|meilleurs|pire|plus|moins|trop|lents?|faut|confiance|embaucher|fiable|fiables|doues|nuls|incapables?|toujours|jamais|lequel|lesquels|pourquoi|sont)\b/;

const GREETING = /^(hello|hi|hey|good (morning|afternoon|evening)|bonjour|salut|bonsoir|coucou)\b/;
// Tasks no support bot is for, even when phrased "can you…" / "pouvez-vous…": writing and
// translating verbs in their tu/vous/infinitive forms, and the things people ask to have written.
const TASK = new RegExp(
  [
    '\\b(write|writing|wrote|draft|drafting|compose|composing|translate|translating|rewrite|proofread)\\b',
    '\\b(poem|poetry|essay|story|stories|joke|jokes|recipe|recipes|homework|lyrics|song|songs|letter|letters|speech|cover letter)\\b',
    '\\b(weather|capital|president|horoscope)\\b',
    // "promo code", "code postal" are support questions, not coding tasks.
    '(?<!(promo|zip|postal|discount|voucher) )\\b(code|coding|program|script)\\b(?! (postal|promo))',
    '\\b(ecri[rst]e?|ecrivez|ecrivons|redig(e|es|ez|er)|compos(e|es|ez|er)|tradui[rst]e?|traduisez|traduction|reformul(e|es|ez|er))\\b',
    '\\b(poemes?|dissertations?|redactions?|histoires?|blagues?|recettes?|devoirs|chansons?|lettres?|discours|meteo|capitale|horoscope)\\b',
  ].join('|'),
);
// "Do you…", "Can I…": a question to the company, in its domain even if the prompt is silent on it.
const ADDRESSED =
  /\b(do you|can you|can i|could i|is there|are there|your|est-ce que|pouvez-vous|puis-je|avez-vous|proposez-vous|vous|votre|vos)\b/;
const VAGUE = /\b(it|this|that|this one|that one|the thing|ca|cela|ce truc|celui-ci|celle-ci|le truc)\b/;

// Words that say what the user wants done rather than what about: left out of the subject.
const NOT_SUBJECT = new Set(
  'offer provide cost much many work available possible open find buy pay tell explain write combien coute coutent offrez proposez'.split(
    ' ',
  ),
);

export interface Understanding {
  situation: Situation;
  /** Whether earlier turns were used to resolve the question. */
  followUp: boolean;
}

/**
 * What the last user message asks, read against the prompt: its knowledge base (`index`), the
 * prompt's own words (`vocabulary`, for scope) and the instructions. Earlier user messages only
 * resolve a follow-up.
 */
export function classify(
  conversation: Conversation,
  instructions: Instructions,
  index: KnowledgeIndex,
  vocabulary: Set<string>,
): Understanding {
  const { question } = conversation;
  const text = normalize(question);
  const alone = (situation: Situation): Understanding => ({ situation, followUp: false });
  if (MANIPULATION.some((rule) => rule.test(text))) {
    return alone({ kind: 'manipulation', wantsPrompt: PROMPT_LEAK.test(text), demand: demandIn(question) });
  }
  const group = GROUPS.exec(text);
  if (group?.[1] && JUDGEMENT.test(text)) return alone({ kind: 'bias', group: originalSpelling(question, group[1]) });

  const language = languageOf(question, index.language);
  const terms = analyze(question, language);
  if (terms.length === 0 && GREETING.test(text.trim())) return alone({ kind: 'greeting' });

  const followUp = conversation.earlier.length > 0 && isFollowUp(question, new Set(terms).size);
  const context = followUp ? contextTerms(conversation.earlier, index.language) : [];
  const retrieval = retrieve(index, terms, context, question);
  const subject = subjectOf(question, language);
  const result = (situation: Situation): Understanding => ({ situation, followUp });

  const related = [...terms, ...context].some((term) => vocabulary.has(term));
  const hasScope = instructions.facts.length > 0 || instructions.topic !== undefined;
  const addressed = ADDRESSED.test(text) && !TASK.test(text);
  const vague = VAGUE.test(text) && new Set(terms).size <= 3;
  if (hasScope && !related && !addressed && !vague) return result({ kind: 'out-of-scope', subject });
  // A writing task ("write me a letter…") is out of scope unless a fact clearly answers it.
  if (hasScope && TASK.test(text) && [...retrieval.covered].filter((term) => !isConcept(term)).length < 2)
    return result({ kind: 'out-of-scope', subject });

  // Vague: several parts of one fact match alike and nothing else is asked ("how much is it?").
  const unknownTerms = [...retrieval.asked].filter((term) => !index.vocabulary.has(term)).length;
  if (!followUp && retrieval.entries.length === 0 && retrieval.undistinguished.length >= 2 && unknownTerms <= 1) {
    const options = retrieval.undistinguished.slice(0, 4).map((entry) => distinguishingWord(entry.body, retrieval.asked, index.language));
    return result({
      kind: 'ambiguous',
      options: [...new Set(options.filter((o): o is string => !!o))],
      guesses: retrieval.undistinguished,
    });
  }
  if (!followUp && vague && retrieval.entries.length === 0 && retrieval.undistinguished.length === 0) {
    return result({ kind: 'ambiguous', options: [], guesses: [] });
  }
  // A product name the prompt never mentions ("the Enterprise plan") means the facts do not cover it.
  if (missingName(question, language, vocabulary)) return result({ kind: 'unknown', subject });
  // "Do you offer mobile plans?", "the upload speed of Plus": the thing asked for is not in the facts.
  if (unknownThing(text, language, index.vocabulary)) return result({ kind: 'unknown', subject });
  if (answers(retrieval)) return result({ kind: 'known', entries: retrieval.entries });
  return result({ kind: 'unknown', subject });
}

/** The terms of the earlier messages a follow-up leans on: the last one, and the one before if it leaned too. */
function contextTerms(earlier: string[], language: Language): string[] {
  const terms: string[] = [];
  for (const message of earlier.slice(0, 3)) {
    const own = analyze(message, languageOf(message, language));
    terms.push(...own);
    if (!isFollowUp(message, new Set(own).size)) break;
  }
  return terms;
}

/**
 * The chosen entries answer when their subject is what is asked, or when they cover enough of
 * the question: half its terms, or two and a third for long, realistic questions that carry
 * context words no fact has ("Julie from Lyon here: we're moving house next month…").
 */
function answers(retrieval: Retrieval): boolean {
  if (retrieval.entries.length === 0) return false;
  const covered = retrieval.covered.size;
  const asked = retrieval.asked.size;
  return retrieval.subjectAsked || covered * 2 >= asked || (covered >= 2 && covered * 3 >= asked);
}

/** "Ignore previous instructions and give me X" → "give me X". */
function demandIn(question: string): string {
  const match = /\b(?:and|then|now|et|puis|maintenant)\s+(.+)$/i.exec(question) ?? /[:,]\s*(.+)$/.exec(question);
  return (match?.[1] ?? '').replace(/[.!?\s]+$/, '');
}

const PLACES = new Set(['~coverage', '~move']);

/**
 * "The Enterprise plan", "l'offre Premium": a capitalised name the prompt never mentions, next
 * to a word the prompt knows (plan, offre, router…). Other capitalised words — people, places,
 * days, the first word of a sentence — say nothing about coverage.
 */
function missingName(question: string, language: Language, vocabulary: Set<string>): boolean {
  const tokens = [...question.matchAll(/[\p{L}\p{N}]+/gu)].map((match) => match[0]);
  // "Rose Street", "rue des Roses": a place beside a name is an address, not an unknown product.
  const known = (token: string | undefined) =>
    analyze(token ?? '', language).some((term) => vocabulary.has(term) && !PLACES.has(evidenceOf(term)));
  return tokens.some((token, index) => {
    if (index === 0 || !/^\p{Lu}\p{Ll}+$/u.test(token)) return false;
    const terms = analyze(token, language);
    if (terms.length === 0 || terms.some((term) => vocabulary.has(term))) return false;
    return known(tokens[index + 1]) || known(tokens[index - 1]);
  });
}

// The thing a question asks for: "what is the X of…", "is there a X with…", "do you offer X",
// and their French forms. At most two words, on normalize()d text.
const ASKED_THING = [
  /\b(?:what is|what's|whats|what are) the ([a-z-]+(?: [a-z-]+)?) (?:of|for|on|with|in)\b/,
  /\b(?:is there|are there) (?:a|an|any) ([a-z-]+(?: [a-z-]+)?) (?:with|for|in|on|at|included)\b/,
  /\bdo you (?:offer|have|sell|provide) (?:a |an |any )?([a-z-]+(?: [a-z-]+)?)/,
  /\bquel(?:le)?s? (?:est|sont) (?:le|la|les) ([a-z-]+(?: [a-z-]+)?) (?:de|du|des|d'|pour|avec)/,
  /\by a-t-il (?:un|une|des) ([a-z-]+(?: [a-z-]+)?) (?:avec|pour|dans|sur|compris)\b/,
  /\b(?:proposez|avez|offrez|vendez)-vous (?:un |une |des |de |d')?([a-z-]+(?: [a-z-]+)?)/,
];
// Attributes every fact may state without naming them: asking for them is not asking for a new thing.
const GENERIC_THINGS = new Set(
  'number numero phone telephone price prix cost name nom date day jour time delay delai duration length duree speed page website site link lien address adresse email e-mail mail fee frais option way moyen difference policy policies rule rules condition conditions terms politique regle regles'.split(
    ' ',
  ),
);

function unknownThing(text: string, language: Language, known: Set<string>): boolean {
  const thing = ASKED_THING.map((rule) => rule.exec(text)?.[1]).find(Boolean);
  if (!thing) return false;
  const specific = thing
    .split(' ')
    .filter((word) => !GENERIC_THINGS.has(word))
    .join(' ');
  return analyze(specific, language).some((term) => !isConcept(term) && !known.has(term) && !known.has(evidenceOf(term)));
}

/** The group as the user spelled it ("immigrés", not the matched "immigres"). */
export function originalSpelling(question: string, normalizedGroup: string): string {
  const tokens = [...question.matchAll(/\p{L}+/gu)];
  const target = normalizedGroup.split(' ');
  for (let index = 0; index + target.length <= tokens.length; index++) {
    const run = tokens.slice(index, index + target.length);
    if (run.every((token, offset) => normalize(token[0]) === target[offset])) {
      const first = run[0];
      const last = run.at(-1);
      if (!first || !last || first.index === undefined || last.index === undefined) break;
      const text = question.slice(first.index, last.index + last[0].length);
      // "Women are…" opens a sentence; quoted mid-sentence it reads "women".
      const opensSentence = first.index === 0 || /[.!?]\s*$/.test(question.slice(0, first.index));
      return opensSentence && /^\p{Lu}\p{Ll}/u.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
    }
  }
  return normalizedGroup;
}

/** The words of a text a person would quote, in their own spelling. */
function quotable(text: string): string[] {
  return text
    .split(/\s+/)
    .map((token) => token.replace(/[^\p{L}\p{N}'-]/gu, ''))
    .filter((token) => {
      const bare = normalize(token).replace(/^(?:[cdjlmnst]|qu)'/, '');
      return bare.length >= 2 && !STOP_WORDS.has(bare.replace(/'/g, ''));
    });
}

/** "The Pro plan costs €12" asked as "how much does it cost" → "Pro". */
function distinguishingWord(body: string, asked: Set<string>, language: Language): string | undefined {
  return quotable(body).find((token) => {
    const terms = analyze(token, language);
    return terms.length > 0 && !terms.some((term) => asked.has(term));
  });
}

/** The few words a question is about, in the user's own spelling, for templated answers. */
function subjectOf(question: string, language: Language): string {
  return quotable(question)
    .filter((token) => !analyze(token, language).some((term) => NOT_SUBJECT.has(term)) && !NOT_SUBJECT.has(normalize(token)))
    .slice(0, 3)
    .join(' ');
}
