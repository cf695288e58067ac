// Writes the simulator's answer: the situation (classify.ts) picks what to say, the
// instructions (instructions.ts) decide how — and whether a weak prompt lets it
// hallucinate, obey a manipulation or echo a bias. shape.ts then applies length, tone,
// format and required text.

import type { SimulatorInstructionKind } from '../../../shared/simulator';
import type { LlmRequest } from '../provider';
import { termSet } from './analyze';
import { classify, type Situation } from './classify';
import { conversationOf } from './context';
import { detectInstructions, understoodKinds, type Instructions } from './instructions';
import { composeJson } from './json-mode';
import { detectJsonSpec, type JsonSpec } from './json-spec';
import { KnowledgeIndex, type Entry } from './knowledge';
import { PHRASES, type Phrasebook } from './phrases';
import { hashString, Variation } from './seed';
import { shape, type Draft } from './shape';
import { guessLanguage, languageOf, sentences, type Language } from './text';

/** What the simulator answered, and why: the eval and the tests read the trace. */
export interface SimulatedAnswer {
  text: string;
  trace: {
    mode: 'chat' | 'extraction';
    situation: Situation['kind'] | null;
    /** Ids of the knowledge-base entries the answer quotes ("6", "1.2"). */
    entries: string[];
    followUp: boolean;
    understood: SimulatorInstructionKind[];
  };
}

/** What the simulator reads from a system prompt, kept for the prompt a session sends again and again. */
interface PromptReading {
  instructions: Instructions;
  jsonSpec: JsonSpec | undefined;
  index: KnowledgeIndex;
  vocabulary: Set<string>;
}
let lastReading: { system: string; reading: PromptReading } | undefined;

function readPrompt(system: string): PromptReading {
  if (lastReading?.system === system) return lastReading.reading;
  const instructions = detectInstructions(system);
  const spec = detectJsonSpec(system);
  const index = new KnowledgeIndex(instructions.facts);
  const reading = {
    instructions,
    jsonSpec: spec && isExtraction(spec) ? spec : undefined,
    index,
    vocabulary: termSet(system, index.language),
  };
  lastReading = { system, reading };
  return reading;
}

/** Same request and variant → same answer, always; another variant → another wording. */
export function simulate(request: LlmRequest): SimulatedAnswer {
  const variation = new Variation(hashString(JSON.stringify([request.system, request.messages, request.params])), request.variant ?? 0);
  const conversation = conversationOf(request.messages);
  const { instructions, jsonSpec, index, vocabulary } = readPrompt(request.system);
  const understood = understoodKinds(instructions);
  // An extraction prompt ("extract … as JSON") turns chat into JSON mode: the message is the input.
  if (jsonSpec) {
    const language = instructions.language ?? guessLanguage(request.system);
    const text = composeJson(jsonSpec, conversation.question, language, jsonSpec.summary.language ?? instructions.language);
    return { text, trace: { mode: 'extraction', situation: null, entries: [], followUp: false, understood } };
  }
  const language: Language = instructions.language ?? languageOf(conversation.question, index.language);
  const { situation, followUp } = classify(conversation, instructions, index, vocabulary);
  const draft = answerFor(situation, instructions, language, request.system, variation);
  const text = shape(draft, instructions, PHRASES[language], variation);
  return {
    text,
    trace: { mode: 'chat', situation: situation.kind, entries: draft.sources.map((entry) => entry.id), followUp, understood },
  };
}

export function composeAnswer(request: LlmRequest): string {
  return simulate(request).text;
}

/** A chat prompt that asks for JSON answers ("reply as JSON with an "answer" key") is not an extraction. */
function isExtraction(spec: JsonSpec): boolean {
  const chatKey = spec.keys.some((key) => /^(answer|reply|response|reponse|message|text|texte)$/.test(key.name));
  return !chatKey && spec.keys.some((key) => key.concept !== 'other');
}

const fill = (template: string, values: Record<string, string>) => template.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? '');

function answerFor(situation: Situation, instructions: Instructions, language: Language, system: string, variation: Variation): Draft {
  const phrases = PHRASES[language];
  const topic = instructions.topic ?? phrases.defaultTopic;
  const say = (templates: string[], values: Record<string, string> = {}): Draft => {
    const text = fill(variation.pick(templates), { topic, ...values });
    return { kind: 'reply', lead: '', points: [text], items: sentences(text), sources: [] };
  };
  switch (situation.kind) {
    case 'greeting':
      return say(phrases.greeting);
    case 'manipulation':
      if (instructions.resistManipulation) return { ...say(phrases.refuseManipulation), kind: 'refusal' };
      if (situation.wantsPrompt) return say(phrases.leakPrompt, { prompt: system.replace(/\s+/g, ' ').trim().slice(0, 160) || '…' });
      return say(situation.demand ? phrases.overComplyDemand : phrases.overComply, { demand: situation.demand });
    case 'bias':
      return instructions.avoidBias
        ? { ...say(phrases.fair, { group: situation.group }), kind: 'refusal' }
        : say(phrases.biased, { group: situation.group });
    case 'out-of-scope':
      if (instructions.stayInScope) return { ...say(phrases.refuseOutOfScope), kind: 'refusal' };
      return say(phrases.genericAnswer, { subject: situation.subject || topic });
    case 'ambiguous': {
      if (instructions.askClarification) {
        if (situation.options.length < 2) return say(phrases.clarifyGeneric);
        const last = situation.options.at(-1) ?? '';
        return say(phrases.clarifyOptions, { options: `${situation.options.slice(0, -1).join(', ')} ${phrases.or} ${last}` });
      }
      // A prompt that does not ask for clarification guesses, and a regenerate may guess another.
      if (situation.guesses.length > 0) return known([variation.pick(situation.guesses)], phrases, variation);
      return say(phrases.hallucination, hallucinated(topic, language, variation));
    }
    case 'known':
      return known(situation.entries, phrases, variation);
    case 'unknown':
      if (instructions.onlyFromKnowledge) return { ...say(phrases.dontKnow), kind: 'unknown' };
      return say(phrases.hallucination, hallucinated(situation.subject || topic, language, variation));
  }
}

/** The facts, quoted: in prose the parts of one fact stay together ("Plans: Basic…; Plus…"); in a list, each sentence is an item. */
function known(entries: Entry[], phrases: Phrasebook, variation: Variation): Draft {
  const points: string[] = [];
  entries.forEach((entry, index) => {
    const previous = entries[index - 1];
    if (previous && previous.group === entry.group && points.length > 0) {
      points[points.length - 1] = `${(points.at(-1) ?? '').replace(/\.$/, '')}; ${asSentence(entry.body)}`;
    } else {
      const text = asSentence(entry.text);
      points.push(points.length === 0 ? text : fill(variation.pick(phrases.also), { fact: text }));
    }
  });
  const items = entries.flatMap((entry) => sentences(asSentence(entry.text)));
  const lead = fill(variation.pick(phrases.known), { fact: '' }).trim();
  return { kind: 'facts', lead, points, items, sources: entries };
}

/** Confident, specific, invented numbers: what a hallucination looks like. */
function hallucinated(subject: string, language: Language, variation: Variation): Record<string, string> {
  const euros = 5 + Math.floor(variation.random() * 45);
  return {
    subject: subject.charAt(0).toUpperCase() + subject.slice(1),
    n: String(2 + Math.floor(variation.random() * 12)),
    price: language === 'fr' ? `${euros},99 €` : `€${euros}.99`,
    year: String(2012 + Math.floor(variation.random() * 10)),
    pct: String(60 + Math.floor(variation.random() * 35)),
  };
}

function asSentence(fact: string): string {
  const text = fact.trim();
  const capital = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}
