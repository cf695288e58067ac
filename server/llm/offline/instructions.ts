// What the simulator "understands" of a system prompt: a handful of instruction kinds,
// in English and French, found by patterns. Each one switches a visible behaviour in
// compose.ts, so a candidate who writes the instruction sees the answer improve.

import type { SimulatorInstructionKind } from '../../../shared/simulator';
import { detectFormat, detectRequired, jsonAnswerKey, type AnswerFormat, type RequiredText } from './instruction-output';
import { normalize, type Language } from './text';

export interface Instructions {
  /** Forced answer language; undefined = answer in the user's language. */
  language?: Language;
  length: { oneSentence: boolean; brief: boolean; maxWords?: number; maxSentences?: number };
  tone: 'formal' | 'friendly' | 'neutral';
  /** Refuse requests unrelated to the prompt's topic. */
  stayInScope: boolean;
  /** Say "I don't know" instead of inventing when the knowledge base has no answer. */
  onlyFromKnowledge: boolean;
  askClarification: boolean;
  /** Resist "ignore previous instructions", never reveal the prompt. */
  resistManipulation: boolean;
  /** Refuse stereotypes and generalisations about groups of people. */
  avoidBias: boolean;
  /** The company or product the bot works for, when the prompt names it. */
  topic?: string;
  /** Bullet points, a numbered list or a JSON object, instead of prose. */
  format?: AnswerFormat;
  /** The key of a JSON answer. */
  jsonKey: string;
  /** Text every answer, or every answer that cannot help, must carry ("end with…", "give 0800…"). */
  required: RequiredText[];
  /** Facts of the knowledge base: bullet lines, or lines under a "Knowledge base" heading. */
  facts: string[];
}

// Patterns run on normalize()d text: lower case, no accents. French words are written with
// their agreement and conjugation endings — "bref/brefs/brève/brèves", "courtois(e)(s)",
// "vouvoie/vouvoies/vouvoyez/vouvoyer", "réponds/répondez/répondre" — because prompts address
// the bot as tu or vous, and adjectives agree with "réponses" (feminine plural) or the bot.
const FR_VERB = (root: string) => `${root}(?:e|es|ez|er|ons)`; // -er verbs: demande, demandes, demandez, demander
const REPONDS = '(?:reponds|repondez|repondre|reponde|ecris|ecrivez|ecrire|parle|parles|parlez|parler|redige|rediges|redigez|rediger)';

const LANGUAGE_RULES: Array<[RegExp, Language]> = [
  [/\b(answer|respond|reply|write|speak)[a-z ]{0,30}\b(in|using) french\b|\bfrench only\b/, 'fr'],
  [new RegExp(`\\b${REPONDS}[a-z ']{0,30}\\ben francais\\b|\\ben francais (uniquement|seulement)\\b`), 'fr'],
  [/\b(answer|respond|reply|write|speak)[a-z ]{0,30}\b(in|using) english\b|\benglish only\b/, 'en'],
  [new RegExp(`\\b${REPONDS}[a-z ']{0,30}\\ben anglais\\b|\\ben anglais (uniquement|seulement)\\b`), 'en'],
];

const ONE_SENTENCE = /\b(one|a single|1) sentence\b|\bune (seule )?phrase\b|\ben une phrase\b/;
const BRIEF =
  /\b(brief|briefly|concise|concisely|short (answers?|replies|responses)|succinct|succinctly|terse|keep (it|them|answers|replies) short)\b|\b(at most|no more than|up to) (two|three|2|3) sentences\b|\b(bref|brefs|breve|breves|brievement|concis|concise|concises|succinct|succincte|succinctes|succinctement|court|courts|courte|courtes)\b|\b(deux|trois|2|3) phrases (au plus|maximum|max)\b/;
const NUMBER_WORDS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, une: 1, deux: 2, trois: 3, quatre: 4, cinq: 5 };
const MAX_SENTENCES = [
  /\b(?:at most|no more than|maximum of|max(?:imum)?|up to|in|within|under|fewer than) (one|two|three|four|five|[1-9]) (?:short )?sentences\b/,
  /\b(one|two|three|four|five|[1-9]) sentences? (?:max(?:imum)?|or (?:less|fewer)|at most)\b/,
  /\b(?:au plus|maximum|pas plus de|moins de|max|en) (une|deux|trois|quatre|cinq|[1-9]) phrases?\b/,
  /\b(une|deux|trois|quatre|cinq|[1-9]) phrases? (?:au plus|maximum|max|au maximum)\b/,
];
const MAX_WORDS = [
  /\b(?:at most|no more than|maximum of|max(?:imum)?|up to|under|fewer than|less than) (\d{1,4}) words\b/,
  /\b(\d{1,4}) words? (?:max(?:imum)?|or (?:less|fewer))\b/,
  /\b(?:au plus|maximum|pas plus de|moins de|max) (\d{1,4}) mots\b/,
  /\ben (\d{1,4}) mots\b/,
];
const FORMAL =
  /\b(formal|formally|professional|polite|courteous)\b|\b(formel|formels|formelle|formelles|professionnel|professionnels|professionnelle|professionnelles|courtois|courtoise|courtoises|vouvoie|vouvoies|vouvoient|vouvoyez|vouvoyer|vouvoiement|poli|polie|polis|polies)\b/;
const FRIENDLY =
  /\b(friendly|warm|casual|cheerful|relaxed|playful)\b|\b(amical|amicale|amicaux|amicales|chaleureux|chaleureuse|chaleureuses|decontracte|decontractee|decontractes|decontractees|tutoie|tutoies|tutoient|tutoyez|tutoyer|tutoiement|sympathique|sympathiques|sympa|sympas|bienveillant|bienveillante|bienveillants|bienveillantes)\b/;
const SCOPE = [
  /\bonly (answer|respond to|reply to|help with|discuss|talk about)\b/,
  /\b(stay|remain|keep) (on topic|in scope|focused)\b/,
  /\b(out of scope|off[- ]topic|unrelated (questions|requests|topics)|outside (of )?(your|this|the) (scope|domain|topic))\b/,
  /\b(refuse|decline)s?\b[a-z ,']{0,20}\b(anything|everything|other|others|unrelated|off[- ]topic|the rest|requests? (outside|unrelated|not about))\b/,
  /\b(hors sujet|hors du (sujet|perimetre)|hors (de ton |de votre )?perimetre)\b/,
  new RegExp(
    `\\b(${FR_VERB('refus')}|${FR_VERB('declin')})\\b[a-z ,']{0,20}\\b(le reste|tout le reste|tout autre|autre chose|les autres|hors sujet|hors perimetre|sans rapport)`,
  ),
  new RegExp(
    `\\b${REPONDS} (uniquement|seulement|exclusivement)\\b(?! (a partir|sur la base|d'apres|selon|avec les|en te basant|en vous basant|en t'appuyant|en vous appuyant))|\\b(uniquement|seulement) (aux|des|les) questions\\b`,
  ),
  new RegExp(`\\bne ${REPONDS} qu'(aux|a des|sur)\\b`),
];
const ONLY_FROM_KNOWLEDGE = [
  /\bonly (use|rely on|answer from|answer using|answer based on|based on)\b/,
  /\b(answer|respond|reply)s? (only|solely|exclusively|strictly) (from|using|with|based on|on the basis of)\b/,
  /\bonly (from|with|using|on) (the |this |our |your )?(knowledge|information|facts|kb|data)\b/,
  /\b(stick|keep|limit yourself|restrict yourself) to the (knowledge base|facts|information)\b/,
  /\bnothing (outside|beyond|but) (the |this )?(knowledge base|facts)\b/,
  /\b(do not|don't|never) (invent|make up|guess|fabricate|speculate|hallucinate)\b/,
  /\bif (the answer|the information|it) is not (in|part of)\b/,
  /\b(if you do not know|if you don't know|when you don't know|say (that )?you (do not|don't) know)\b/,
  new RegExp(`\\b(n'${FR_VERB('invent')}|ne (pas |jamais |rien )*${FR_VERB('invent')}|sans (rien )?inventer)\\b`),
  /\b(uniquement|seulement|exclusivement|strictement) (a partir|sur la base|avec les informations|d'apres|selon|sur les informations)\b/,
  /\b(en (t'|vous )?appuyant|en (te|vous) basant|base-toi|basez-vous|appuie-toi|appuyez-vous) (uniquement|seulement|exclusivement) sur\b/,
  /\bne (sors|sortez) (jamais |pas )?de la base\b|\brien (d'autre )?que la base\b/,
  /\bsi (tu ne (le )?sais pas|vous ne (le )?savez pas|la reponse (ne figure pas|n'est pas|n'y figure pas|n'y est pas))\b/,
];
const CLARIFY = [
  /\b(ask|request) (a |for )?(clarifying|clarification|follow-up|more details|precision)/,
  /\bif (a |the )?(question|request|message) is (ambiguous|unclear|vague)\b/,
  new RegExp(`\\b(${FR_VERB('demand')}|pose|poses|posez|poser)[a-z ']{0,30}(precision|clarification)`),
  /\bsi (la |une )?(question|demande) est (ambigu|ambigue|floue|vague|imprecise)\b|\ben cas (de doute|d'ambiguite)\b/,
];
const RESIST = [
  /\b(never|do not|don't) (reveal|share|disclose|repeat|print)[a-z ]{0,30}(prompt|instructions)\b/,
  /\b(ignore|refuse|resist)[a-z ]{0,30}(attempts?|requests?|instructions?)[a-z ]{0,30}(override|change|ignore|bypass|manipulat)/,
  /\b(do not|don't|never) follow (instructions|orders|commands) (from|in|given by) (the )?(user|messages?)\b/,
  /\b(manipulation|jailbreak|prompt injection|role-?play)\b/,
  /\b(ne (revele|reveles|revelez|divulgue|divulgues|divulguez|partage|partages|partagez) jamais|ne jamais (reveler|divulguer|partager))\b/,
  new RegExp(
    `\\b(${FR_VERB('ignor')}|${FR_VERB('refus')}|resiste|resistez)[a-z ]{0,30}(tentative|demande)s? de (manipulation|contournement|changer|modifier|les ignorer|les modifier)`,
  ),
];
const FAIR = [
  /\b(bias|biased|unbiased|stereotype|stereotypes|discriminat\w*|prejudice)\b/,
  /\b(treat|serve) (all|every|everyone)[a-z ]{0,20}(equally|fairly|the same)\b/,
  /\b(impartial|neutral|fair|inclusive|respectful of all)\b/,
  /\b(biais|stereotypes?|discrimination|discriminations|discriminatoires?|equitables?|equitablement|impartial|impartiale|impartiaux|neutre|neutres|inclusif|inclusive|inclusifs|inclusives)\b/,
  new RegExp(
    `\\b(${FR_VERB('trait')}|traites|traitent) (tous|toutes) les (clients|clientes|utilisateurs|personnes)[a-z ]{0,20}(de la meme (facon|maniere)|equitablement|pareil)`,
  ),
  /\bgeneralisations?\b|\bgeneralizations?\b/,
];

// A bullet that opens like a rule ("Answer in French", "Ne révèle jamais…") is an instruction.
const IMPERATIVE =
  /^(answer|respond|reply|be|never|always|do|don't|only|if|use|keep|ask|refuse|decline|stay|treat|avoid|say|write|speak|you|reponds|repondez|sois|soyez|ne|n'|toujours|jamais|si|utilise|utilisez|demande|demandez|refuse|refusez|reste|restez|evite|evitez|tu|vous|parle|parlez|ecris|ecrivez|vouvoie|vouvoyez|tutoie|tutoyez|traite|traitez|pose|posez|dis|dites)\b/;

const KNOWLEDGE_HEADING =
  /^\s*(#+\s*)?(knowledge base|knowledge|facts|information|context|faq|base de connaissances?|connaissances|informations?|contexte)\s*:?\s*$/i;

export function detectInstructions(system: string): Instructions {
  const facts = extractFacts(system);
  // The rules are read outside the facts, so that "call the fault line on 0800…" in the knowledge
  // base is not mistaken for an order to give that number in every answer.
  const rules = withoutFacts(system, facts);
  const text = normalize(system);
  const instructions: Instructions = {
    length: { oneSentence: ONE_SENTENCE.test(text), brief: BRIEF.test(text) },
    tone: FORMAL.test(text) ? 'formal' : FRIENDLY.test(text) ? 'friendly' : 'neutral',
    stayInScope: SCOPE.some((rule) => rule.test(text)),
    onlyFromKnowledge: ONLY_FROM_KNOWLEDGE.some((rule) => rule.test(text)),
    askClarification: CLARIFY.some((rule) => rule.test(text)),
    resistManipulation: RESIST.some((rule) => rule.test(text)),
    avoidBias: FAIR.some((rule) => rule.test(text)),
    required: [],
    jsonKey: jsonAnswerKey(system),
    facts,
  };
  for (const rule of MAX_SENTENCES) {
    const match = rule.exec(text);
    const count = match?.[1] ? (NUMBER_WORDS[match[1]] ?? Number(match[1])) : undefined;
    if (count) {
      instructions.length.maxSentences = count;
      break;
    }
  }
  const format = detectFormat(text);
  if (format) instructions.format = format;
  const language = LANGUAGE_RULES.find(([rule]) => rule.test(text))?.[1];
  if (language) instructions.language = language;
  for (const rule of MAX_WORDS) {
    const match = rule.exec(text);
    if (match?.[1]) {
      instructions.length.maxWords = Number(match[1]);
      break;
    }
  }
  instructions.required = detectRequired(rules);
  const topic = extractTopic(system);
  if (topic) instructions.topic = topic;
  return instructions;
}

/** The instruction kinds a prompt sets, by the ids the candidate's panel lists. */
export function understoodKinds(instructions: Instructions): SimulatorInstructionKind[] {
  const { length } = instructions;
  const kinds: Array<[SimulatorInstructionKind, boolean]> = [
    ['language', instructions.language !== undefined],
    ['length', length.oneSentence || length.brief || length.maxWords !== undefined || length.maxSentences !== undefined],
    ['tone', instructions.tone !== 'neutral'],
    ['scope', instructions.stayInScope],
    ['knowledge-only', instructions.onlyFromKnowledge],
    ['clarify', instructions.askClarification],
    ['fairness', instructions.avoidBias],
    ['manipulation', instructions.resistManipulation],
    ['format', instructions.format !== undefined],
    ['required-phrase', instructions.required.length > 0],
  ];
  return kinds.filter(([, found]) => found).map(([kind]) => kind);
}

function withoutFacts(system: string, facts: string[]): string {
  const known = new Set(facts);
  return system
    .split(/\r?\n/)
    .filter(
      (line) =>
        !known.has(
          line
            .trim()
            .replace(/^(?:[-*•]|\d+[.)])\s+/, '')
            .trim(),
        ),
    )
    .join('\n');
}

/** "You are the support assistant of Acme Cloud." → "Acme Cloud". */
function extractTopic(system: string): string | undefined {
  // A name is one to four capitalised words, each bounded and separated by spaces, so a word splits
  // only one way and the match stays linear on a 60,000-character prompt.
  const name = (most: number) => `((?:[A-Z][\\w&'-]{0,40})(?:[ \\t]+[A-Z][\\w&'-]{0,40}){0,${most - 1}})`;
  const patterns = [
    new RegExp(
      `\\b(?:[Yy]ou are|[Tt]u es|[Vv]ous (?:etes|êtes))\\s+(?:the|an?|l'|le|la)\\s*${name(3)}\\s*(?:'s\\s+)?(?:support\\s+)?(?:assistant|chatbot|bot|agent|advisor|conseiller|conseillère)`,
    ),
    new RegExp(`\\b(?:for|of|at)\\s+${name(4)}`),
    new RegExp(`\\b(?:de|pour|chez)\\s+${name(4)}`),
  ];
  for (const pattern of patterns) {
    const match = pattern.exec(system);
    const name = match?.[1]?.trim();
    if (name && name.length > 1) return name;
  }
  return undefined;
}

/**
 * Knowledge-base facts: the lines under a "Knowledge base:" style heading until a blank
 * line or the next heading, plus any bullet line anywhere (prompts usually list facts).
 */
function extractFacts(system: string): string[] {
  const facts: string[] = [];
  let underHeading = false;
  for (const rawLine of system.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (KNOWLEDGE_HEADING.test(line)) {
      underHeading = true;
      continue;
    }
    if (line === '' || /^#+\s/.test(line) || /:\s*$/.test(line)) {
      if (line !== '' && !/^[-*•]/.test(line)) underHeading = false;
      continue;
    }
    const bullet = /^(?:[-*•]|\d+[.)])\s+(.*)$/.exec(line);
    const content = bullet?.[1]?.trim() ?? line;
    // Outside a knowledge heading, only bullets count, and bulleted rules are not facts.
    if (underHeading || (bullet && !IMPERATIVE.test(normalize(content)))) facts.push(content);
  }
  return facts;
}
