// Writes the simulator's answer: the situation (classify.ts) picks what to say, the
// instructions (instructions.ts) decide how — and whether a weak prompt lets it
// hallucinate, obey a manipulation or echo a bias.

import type { LlmRequest } from '../provider';
import { classify, type Situation } from './classify';
import { detectInstructions, type Instructions } from './instructions';
import { composeJson } from './json-mode';
import { detectJsonSpec } from './json-spec';
import { PHRASES, type Phrasebook } from './phrases';
import { hashString, pick, seededRandom } from './seed';
import { guessLanguage, sentences, type Language } from './text';

/** Same request (system, messages, params) → same answer, always. */
export function composeAnswer(request: LlmRequest): string {
  const random = seededRandom(hashString(JSON.stringify([request.system, request.messages, request.params])));
  const users = request.messages.filter((message) => message.role === 'user');
  const question = users.at(-1)?.content ?? '';
  const previous = users.at(-2)?.content;
  const instructions = detectInstructions(request.system);
  // An extraction prompt ("extract … as JSON") turns chat into JSON mode: the message is the input.
  const jsonSpec = detectJsonSpec(request.system);
  if (jsonSpec) {
    const language = instructions.language ?? guessLanguage(request.system);
    return composeJson(jsonSpec, question, language, jsonSpec.summary.language ?? instructions.language);
  }
  const language: Language = instructions.language ?? guessLanguage(question);
  const phrases = PHRASES[language];
  const situation = classify(question, previous, instructions, request.system);
  const body = answerFor(situation, instructions, language, request.system, random);
  return shape(body, instructions, phrases, random);
}

function answerFor(
  situation: Situation,
  instructions: Instructions,
  language: Language,
  system: string,
  random: () => number,
): string {
  const phrases = PHRASES[language];
  const topic = instructions.topic ?? phrases.defaultTopic;
  const fill = (template: string, values: Record<string, string>) =>
    template.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? '');
  switch (situation.kind) {
    case 'greeting':
      return fill(pick(phrases.greeting, random), { topic });
    case 'manipulation':
      if (instructions.resistManipulation) return fill(pick(phrases.refuseManipulation, random), { topic });
      if (situation.wantsPrompt) {
        const prompt = system.replace(/\s+/g, ' ').trim().slice(0, 160);
        return fill(pick(phrases.leakPrompt, random), { prompt: prompt || '…' });
      }
      return fill(pick(situation.demand ? phrases.overComplyDemand : phrases.overComply, random), { demand: situation.demand });
    case 'bias':
      return fill(pick(instructions.avoidBias ? phrases.fair : phrases.biased, random), { group: situation.group });
    case 'out-of-scope':
      if (instructions.stayInScope) return fill(pick(phrases.refuseOutOfScope, random), { topic });
      return fill(pick(phrases.genericAnswer, random), { subject: situation.subject || topic });
    case 'ambiguous':
      if (instructions.askClarification) {
        if (situation.options.length >= 2) {
          const last = situation.options.at(-1) ?? '';
          const options = `${situation.options.slice(0, -1).join(', ')} ${phrases.or} ${last}`;
          return fill(pick(phrases.clarifyOptions, random), { options });
        }
        return pick(phrases.clarifyGeneric, random);
      }
      // A weak prompt makes it guess instead of asking.
      if (situation.guess) return fill(pick(phrases.known, random), { fact: asSentence(situation.guess) });
      return fill(pick(phrases.hallucination, random), hallucinated(topic, language, random));
    case 'known':
      return fill(pick(phrases.known, random), { fact: asSentence(situation.fact) });
    case 'unknown':
      if (instructions.onlyFromKnowledge) return pick(phrases.dontKnow, random);
      return fill(pick(phrases.hallucination, random), hallucinated(situation.subject || topic, language, random));
  }
}

/** Confident, specific, invented numbers: what a hallucination looks like. */
function hallucinated(subject: string, language: Language, random: () => number): Record<string, string> {
  const euros = 5 + Math.floor(random() * 45);
  return {
    subject: subject.charAt(0).toUpperCase() + subject.slice(1),
    n: String(2 + Math.floor(random() * 12)),
    price: language === 'fr' ? `${euros},99 €` : `€${euros}.99`,
    year: String(2012 + Math.floor(random() * 10)),
    pct: String(60 + Math.floor(random() * 35)),
  };
}

function asSentence(fact: string): string {
  const text = fact.trim();
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/**
 * Length and tone. Without a length rule the simulator rambles (a filler sentence), which
 * is the weakness "be brief" fixes; tone adds an opening/closing, inline when length is tight.
 */
function shape(body: string, instructions: Instructions, phrases: Phrasebook, random: () => number): string {
  const { oneSentence, brief, maxWords } = instructions.length;
  let parts = sentences(body);
  // When length is limited, "Sure!" or "Good question." would waste the one sentence.
  if (oneSentence || brief || maxWords !== undefined) {
    const substantive = parts.filter((sentence) => sentence.split(/\s+/).length > 3);
    if (substantive.length > 0) parts = substantive;
  }
  if (oneSentence) parts = parts.slice(0, 1);
  else if (brief) parts = parts.slice(0, 2);
  else if (maxWords === undefined) parts.push(pick(phrases.filler, random));

  const tight = oneSentence || maxWords !== undefined;
  if (instructions.tone !== 'neutral') {
    const formal = instructions.tone === 'formal';
    if (tight) {
      const first = parts[0] ?? '';
      parts[0] = `${formal ? phrases.formalInline : phrases.friendlyInline} ${first}`;
    } else {
      parts.unshift(formal ? phrases.formalOpen : phrases.friendlyOpen);
      if (!brief) parts.push(formal ? phrases.formalClose : phrases.friendlyClose);
    }
  }
  let text = parts.join(' ');
  if (maxWords !== undefined) text = limitWords(text, maxWords);
  return text;
}

function limitWords(text: string, maxWords: number): string {
  const words = text.split(/\s+/).filter(Boolean);
  if (words.length <= maxWords) return text;
  return `${words.slice(0, Math.max(1, maxWords)).join(' ').replace(/[,;:—-]+$/, '')}…`;
}
