// The answer's outside: length, tone, format and required text, applied to a draft in that order.
// Without a length rule the simulator rambles (a filler sentence), which is the weakness "be
// brief" fixes; tone adds an opening and a closing, or a word inline when the length is counted;
// a list or JSON format replaces prose; a required phrase or contact is added where it is missing.

import type { Instructions } from './instructions';
import type { Entry } from './knowledge';
import type { Phrasebook } from './phrases';
import type { Variation } from './seed';
import { normalize, sentences, wordCount } from './text';

export interface Draft {
  /** `facts` quotes the knowledge base; `unknown` is "I don't know"; `refusal` declines. */
  kind: 'reply' | 'facts' | 'refusal' | 'unknown';
  /** "According to our information:", dropped when length is counted. */
  lead: string;
  /** The content, as prose. */
  points: string[];
  /** The content, one list item each. */
  items: string[];
  sources: Entry[];
}

export function shape(draft: Draft, instructions: Instructions, phrases: Phrasebook, variation: Variation): string {
  const { oneSentence, brief, maxWords, maxSentences } = instructions.length;
  // Counted: the answer has a sentence or word budget, so nothing is added that would spend it.
  const limit = oneSentence ? 1 : (maxSentences ?? (brief ? 2 : undefined));
  const counted = limit !== undefined || maxWords !== undefined;
  const list = instructions.format === 'bullets' || instructions.format === 'numbered';

  let content = list && draft.items.length >= 2 ? [...draft.items] : sentences(draft.points.join(' '));
  // When length is counted, "Sure!" or "Good question." would waste a sentence.
  if (counted) {
    const substantive = content.filter((sentence) => wordCount(sentence) > 3);
    if (substantive.length > 0) content = substantive;
  }
  if (limit !== undefined) content = content.slice(0, limit);
  const asList = list && content.length >= 2;

  const before: string[] = [];
  const after: string[] = [];
  if (!counted && draft.lead) before.push(asList ? `${draft.lead.replace(/[.:]$/, '')}:` : draft.lead);
  else if (asList && !counted) before.push(variation.pick(phrases.listLead));
  if (!counted) after.push(variation.pick(phrases.filler));
  const formal = instructions.tone === 'formal';
  // Inline, a word of tone fits a fact ("Certainly: …"), not a refusal or an "I don't know".
  if (counted && draft.kind === 'facts') {
    const inline = instructions.tone === 'neutral' ? phrases.knownInline : formal ? phrases.formalInline : phrases.friendlyInline;
    content[0] = `${variation.pick(inline)} ${content[0] ?? ''}`.trim();
  }
  if (instructions.tone !== 'neutral' && !counted) {
    before.unshift(formal ? phrases.formalOpen : phrases.friendlyOpen);
    after.push(formal ? phrases.formalClose : phrases.friendlyClose);
  }

  let body: string;
  if (asList) {
    const items = content.map((item, index) => (instructions.format === 'numbered' ? `${index + 1}. ${item}` : `- ${item}`));
    body = [...before, ...items, ...after].join('\n');
  } else {
    body = joinProse([...before, ...content, ...after]);
  }
  if (maxWords !== undefined) body = limitWords(body, maxWords);
  body = withRequired(body, draft, instructions, phrases, variation, asList);
  if (instructions.format === 'json') return JSON.stringify({ [instructions.jsonKey]: body }, null, 2);
  return body;
}

/** "According to our information:" and the fact it leads into read as one sentence. */
function joinProse(parts: string[]): string {
  return parts
    .filter(Boolean)
    .join(' ')
    .replace(/:\s+(\S)/g, (_, next: string) => `: ${next}`);
}

function withRequired(
  body: string,
  draft: Draft,
  instructions: Instructions,
  phrases: Phrasebook,
  variation: Variation,
  asList: boolean,
): string {
  let text = body;
  const has = (wanted: string) => squeeze(text).includes(squeeze(wanted));
  for (const required of instructions.required) {
    if (required.when === 'fallback' && draft.kind !== 'unknown') continue;
    if (has(required.text)) continue;
    const addition = required.kind === 'contact' ? variation.pick(phrases.contact).replace('{contact}', required.text) : required.text;
    const separator = asList ? '\n' : ' ';
    text = required.at === 'start' ? `${addition}${separator}${text}` : `${text}${separator}${addition}`;
  }
  return text;
}

/** Accent-free, lower case, without spaces or dots: "0 800 123 456" is "0800123456". */
function squeeze(text: string): string {
  return normalize(text).replace(/[\s.\u00a0-]+/g, '');
}

function limitWords(text: string, maxWords: number): string {
  const words = text.split(/\s+/).filter(Boolean);
  if (words.length <= maxWords) return text;
  return `${words
    .slice(0, Math.max(1, maxWords))
    .join(' ')
    .replace(/[,;:—-]+$/, '')}…`;
}
