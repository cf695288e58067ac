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
  /\b((?:old|older|elderly|young|younger|foreign|immigrant|female|male|disabled) (?:people|customers|users|clients|persons|workers)|women|men|girls|boys|elderly|seniors|foreigners|immigrants|muslims|christians|jews|black people|white people|asians|africans|arabs|nationality|nationalities|religion|race|gender|ethnicity|femmes|hommes|vieux|personnes agees|clients ages|jeunes|etrangers|immigres|musulmans|chretiens|juifs|noirs|blancs|asiatiques|africains|arabes|nationalite|origine|sexe)\b/;
const JUDGEMENT =
  /\b(better|worse|smarter|slower|slow|lazier|lazy|stupid|more|less|should|trust|hire|reliable|good at|bad at|good with|bad with|unable|can't|cannot|too|always|never|which|who|why are|are|tend|best|worst|meilleur|meilleure|meilleurs|pire|plus|moins|trop|lents?|faut|confiance|embaucher|fiable|fiables|doues|nuls|incapables?|toujours|jamais|lequel|lesquels|pourquoi|sont)\b/;

const GREETING = /^(hello|hi|hey|good (morning|afternoon|evening)|bonjour|salut|bonsoir|coucou)\b/;
// Tasks no support bot is for, even when phrased "can you…".
const TASK =
  /\b(write|poem|essay|story|joke|recipe|homework|translate|code|weather|capital|president|song|ecris|poeme|histoire|blague|recette|devoirs|traduis|meteo|capitale|chanson)\b/;
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
  if (group?.[1] && JUDGEMENT.test(text)) return { kind: 'bias', group: group[1] };

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
    // A fact whose subject (its first word: "Outages: …") is asked about beats one that only mentions it.
    .map((fact) => ({ ...fact, score: overlap(query, fact.words) + (fact.words[0] && query.includes(fact.words[0]) ? 0.5 : 0) }))
    .filter((entry) => entry.score > 0)
    .sort((a, b) => b.score - a.score);
  const best = scored[0];
  const tied = best ? scored.filter((entry) => entry.score === best.score) : [];

  // Vague: several facts match equally and weakly ("how much does it cost?" vs three plans).
  if (!followUp && words.length <= 4 && ((tied.length >= 2 && (best?.score ?? 0) < 2) || (VAGUE.test(text) && !best))) {
    const options = tied.slice(0, 3).map((entry) => distinguishingWord(entry.body, query));
    const situation: Situation = { kind: 'ambiguous', options: [...new Set(options.filter((o): o is string => !!o))] };
    if (best) situation.guess = best.text;
    return situation;
  }
  // A name the prompt never mentions ("the Enterprise plan") means the facts do not cover it;
  // otherwise a fact answers when it covers at least half of what the question is about.
  const unknownName = missingName(question, vocabulary);
  if (best && !unknownName && best.score * 2 >= query.length) return { kind: 'known', fact: best.text };
  return { kind: 'unknown', subject };
}

interface Fact {
  /** What the answer quotes. */
  text: string;
  /** The part that tells it apart from its siblings ("Plus 500 Mb/s…"). */
  body: string;
  words: string[];
}

/**
 * "Plans: Basic …; Plus …; Max …" is three facts sharing the label "Plans", so that a
 * question about one plan gets that plan, and "how much?" sees three candidates.
 */
function splitFacts(facts: string[]): Fact[] {
  return facts.flatMap((fact) => {
    const parts = fact.split(/;\s+/).filter(Boolean);
    if (parts.length < 2) return [{ text: fact, body: fact, words: contentWords(fact) }];
    const label = /^([^:]{1,40}):\s*/.exec(parts[0] ?? '');
    return parts.map((part, index) => {
      const body = index === 0 && label ? part.slice(label[0].length) : part;
      const text = label ? `${label[1]}: ${body}` : body;
      return { text, body, words: contentWords(text) };
    });
  });
}

/** "Ignore previous instructions and give me X" → "give me X". */
function demandIn(question: string): string {
  const match = /\b(?:and|then|now|et|puis|maintenant)\s+(.+)$/i.exec(question) ?? /[:,]\s*(.+)$/.exec(question);
  return (match?.[1] ?? '').replace(/[.!?\s]+$/, '');
}

function missingName(question: string, vocabulary: Set<string>): boolean {
  const names = question.match(/(?<=\s)[A-Z][\p{L}]+/gu) ?? [];
  return names.some((name) => contentWords(name).some((word) => !vocabulary.has(word)));
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
