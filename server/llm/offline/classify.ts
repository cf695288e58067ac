// Sorts the candidate's latest message into the few situations the default exercise
// probes (manipulation, biased request, out of scope, ambiguous, answerable, unknown),
// by matching its words against the system prompt and its knowledge-base facts.

import type { Instructions } from './instructions';
import { contentWords, normalize } from './text';

export type Situation =
  | { kind: 'greeting' }
  | { kind: 'manipulation'; wantsPrompt: boolean; demand: string }
  | { kind: 'bias'; group: string }
  | { kind: 'out-of-scope'; subject: string }
  | { kind: 'ambiguous'; options: string[]; guess?: string }
  | { kind: 'known'; fact: string }
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
  /\b(reveal|show|print|repeat|display|tell me|what (is|are) your|revele|montre|affiche|repete|donne-moi|quel(le)?s? (est|sont))\b[a-z ,']{0,30}\b(system prompt|prompt|instructions|consignes|rules|regles)\b/;

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
    "(?<!(promo|zip|postal|discount|voucher) )\\b(code|coding|program|script)\\b(?! (postal|promo))",
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
  'offer provide cost much many work available possible open find buy pay tell explain write does doe combien coute coutent offrez proposez'.split(
    ' ',
  ),
);

export function classify(question: string, previous: string | undefined, instructions: Instructions, system: string): Situation {
  const text = normalize(question);
  if (MANIPULATION.some((rule) => rule.test(text))) {
    return { kind: 'manipulation', wantsPrompt: PROMPT_LEAK.test(text), demand: demandIn(question) };
  }
  const group = GROUPS.exec(text);
  if (group?.[1] && JUDGEMENT.test(text)) return { kind: 'bias', group: originalSpelling(question, group[1]) };

  const words = contentWords(question);
  if (words.length === 0 && GREETING.test(text.trim())) return { kind: 'greeting' };

  // A short follow-up ("the Pro one") is read together with the question it answers.
  const followUp = previous !== undefined && words.length <= 3 && words.length > 0;
  const query = followUp ? [...contentWords(previous), ...words] : words;
  const subject = subjectOf(question);

  const vocabulary = new Set(contentWords(system));
  const related = query.filter((word) => vocabulary.has(word));
  const hasScope = instructions.facts.length > 0 || instructions.topic !== undefined;
  const addressed = ADDRESSED.test(text) && !TASK.test(text);
  if (hasScope && related.length === 0 && !addressed && !(VAGUE.test(text) && words.length <= 3)) {
    return { kind: 'out-of-scope', subject };
  }

  const scored = splitFacts(instructions.facts)
    // A fact whose subject ("Outages: …") is asked about beats one that only mentions it; the bonus
    // is the share of the label asked about, so "down" prefers "Outages" to "Outage refunds".
    .map((fact) => ({ ...fact, score: overlap(query, fact.words) + 0.5 * labelShare(query, fact.label) }))
    .filter((entry) => entry.score > 0)
    .sort((a, b) => b.score - a.score);
  const best = scored[0];
  const tied = best ? scored.filter((entry) => entry.score === best.score) : [];

  // A writing task ("write me a letter…") is out of scope unless a fact clearly answers it.
  if (hasScope && TASK.test(text) && (best?.score ?? 0) < 2.5) return { kind: 'out-of-scope', subject };

  // Vague: several facts match equally and weakly ("how much does it cost?" vs three plans).
  if (!followUp && words.length <= 4 && ((tied.length >= 2 && (best?.score ?? 0) < 2) || (VAGUE.test(text) && !best))) {
    const options = tied.slice(0, 3).map((entry) => distinguishingWord(entry.body, query));
    const situation: Situation = { kind: 'ambiguous', options: [...new Set(options.filter((o): o is string => !!o))] };
    if (best) situation.guess = best.text;
    return situation;
  }
  // A product name the prompt never mentions ("the Enterprise plan") means the facts do not
  // cover it; otherwise a fact answers when it shares enough content words with the question.
  const unknownName = missingName(question, vocabulary);
  if (best && !unknownName && answers(best.score, query.length)) return { kind: 'known', fact: best.text };
  return { kind: 'unknown', subject };
}

interface Fact {
  /** What the answer quotes. */
  text: string;
  /** The part that tells it apart from its siblings ("Plus 500 Mb/s…"). */
  body: string;
  words: string[];
  /** The subject's content words: the label before ":", else the first word. */
  label: string[];
}

/**
 * "Plans: Basic …; Plus …; Max …" is three facts sharing the label "Plans", so that a
 * question about one plan gets that plan, and "how much?" sees three candidates.
 */
function splitFacts(facts: string[]): Fact[] {
  return facts.flatMap((fact) => {
    const parts = fact.split(/;\s+/).filter(Boolean);
    const label = /^([^:]{1,40}):\s*/.exec(parts[0] ?? '');
    const labelWords = (words: string[]) => (label ? contentWords(label[1] ?? '') : words.slice(0, 1));
    if (parts.length < 2) {
      const words = contentWords(fact);
      return [{ text: fact, body: fact, words, label: labelWords(words) }];
    }
    return parts.map((part, index) => {
      const body = index === 0 && label ? part.slice(label[0].length) : part;
      const text = label ? `${label[1]}: ${body}` : body;
      const words = contentWords(text);
      return { text, body, words, label: labelWords(words) };
    });
  });
}

/** "Ignore previous instructions and give me X" → "give me X". */
function demandIn(question: string): string {
  const match = /\b(?:and|then|now|et|puis|maintenant)\s+(.+)$/i.exec(question) ?? /[:,]\s*(.+)$/.exec(question);
  return (match?.[1] ?? '').replace(/[.!?\s]+$/, '');
}

/**
 * Short questions need half their words covered; longer, realistic ones ("my internet has been
 * down since yesterday, the light is red, I work from home…") carry context words no fact has,
 * so two shared words, or one that is the fact's whole subject, are enough, or a third of it.
 */
function answers(score: number, queryLength: number): boolean {
  if (score * 2 >= queryLength) return true;
  // 1.5 = one shared word that is the fact's whole subject ("down" → "Outages").
  return score >= 1.5 || score * 3 >= queryLength;
}

function labelShare(query: string[], label: string[]): number {
  if (label.length === 0) return 0;
  return label.filter((word) => query.includes(word)).length / label.length;
}

/**
 * "The Enterprise plan", "l'offre Premium": a capitalised name the prompt never mentions, next
 * to a word the prompt knows (plan, offre, router…). Other capitalised words — people, places,
 * days, the first word of a sentence — say nothing about coverage.
 */
function missingName(question: string, vocabulary: Set<string>): boolean {
  const tokens = [...question.matchAll(/[\p{L}\p{N}]+/gu)].map((match) => match[0]);
  return tokens.some((token, index) => {
    if (index === 0 || !/^\p{Lu}\p{Ll}+$/u.test(token)) return false;
    const [word] = contentWords(token);
    if (!word || vocabulary.has(word)) return false;
    const known = (neighbour: string | undefined) => contentWords(neighbour ?? '').some((w) => vocabulary.has(w));
    return known(tokens[index + 1]) || known(tokens[index - 1]);
  });
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

function overlap(a: string[], b: string[]): number {
  const set = new Set(b);
  return new Set(a.filter((word) => set.has(word))).size;
}

/** "The Pro plan costs €12" asked as "how much does it cost" → "Pro". */
function distinguishingWord(fact: string, query: string[]): string | undefined {
  const asked = new Set(query);
  for (const token of fact.split(/\s+/)) {
    const clean = token.replace(/[^\p{L}\p{N}'-]/gu, '');
    const [stem] = contentWords(clean);
    if (stem && !asked.has(stem)) return clean;
  }
  return undefined;
}

/** The few words a question is about, in the user's own spelling, for templated answers. */
function subjectOf(question: string): string {
  const picked: string[] = [];
  for (const token of question.split(/\s+/)) {
    const clean = token.replace(/[^\p{L}\p{N}'-]/gu, '');
    const [stem] = contentWords(clean);
    if (stem && !NOT_SUBJECT.has(stem)) picked.push(clean);
    if (picked.length === 3) break;
  }
  return picked.join(' ');
}
