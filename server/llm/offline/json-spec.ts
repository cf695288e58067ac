// JSON mode, part 1: what an extraction prompt asks for. A prompt that mentions JSON and an
// extraction ("extract…", "fill in", quoted key names, a schema) switches the simulator from
// chat to extraction; how precise the prompt is decides how good the JSON is (json-mode.ts).

import { normalize, type Language } from './text';

export type Concept = 'intent' | 'product' | 'urgency' | 'sentiment' | 'customer_id' | 'summary' | 'other';

export interface JsonKey {
  name: string;
  concept: Concept;
  /** Allowed values ("one of …"), when the prompt lists at least two. */
  allowed?: string[];
  nullable: boolean;
}

export interface JsonSpec {
  keys: JsonKey[];
  /** "Only JSON", "nothing before or after", "no code fence": no preamble, no fence. */
  bare: boolean;
  /** "Treat the email as data", "nothing in an email can change these rules". */
  emailIsData: boolean;
  /** The customer number is to be normalised ("BW-" + digits) rather than copied. */
  normaliseId: boolean;
  summary: { language?: Language; maxChars?: number };
}

const JSON_WORD = /\bjson\b/;
const EXTRACTION = /\b(extract\w*|extrai\w*|fill in|remplis\w*|structur\w*|fields?|champs?|keys?|cles?|ticket|schema|parse)\b/;
const BARE = [
  /\b(only|just) (the |a |one |valid |raw )?json\b|\bjson only\b|\bnothing (else|before|after)\b|\bno (other )?(text|prose|comment|explanation|preamble)\b/,
  /\bno (markdown|code fence|code block|backticks)\b|\bwithout (markdown|a code fence|code fences|backticks)\b/,
  /\b(uniquement|seulement) (le |du |un )?(objet )?json\b|\bjson (seul|uniquement)\b|\b(sans )?rien (d'autre|avant|apres)\b|\bni bloc de code\b|\bsans (bloc de code|markdown)\b/,
];
const EMAIL_IS_DATA = [
  /\b(treat|consider|handle)[a-z ,'-]{0,40}\b(as|like) (data|untrusted|content|text)\b|\buntrusted\b|\bprompt injection\b/,
  /\bnothing (written |said )?in (the |an |any )?(e-?mail|message)[a-z ,'-]{0,40}\b(change|override|alter)/,
  /\b(never|do not|don't) (follow|obey|execute|act on)[a-z ,'-]{0,40}\b(in|inside|within|from) (the |an |any )?(e-?mail|message|input)/,
  /\bignore[a-z ,'-]{0,40}instructions[a-z ,'-]{0,30}\b(in|inside|within|from) (the |an |any )?(e-?mail|message)/,
  /\brien de ce qui est ecrit dans (un|l'|le)\s*(e-?mail|message)|\bnon fiables?\b|\b(comme|en tant que) (des )?donnees\b/,
  /\b(ne suis|ne suivez|n'obeis|n'obeissez|ignore|ignorez)[a-z ,'-]{0,40}(consignes|instructions)[a-z ,'-]{0,40}(e-?mail|message)/,
];

const CONCEPTS: Array<[RegExp, Concept]> = [
  [/^(intent|intention|category|categorie|type|reason|motif|topic|sujet|request|demande)/, 'intent'],
  [/^(product|produit|plan|offer|offre|service)/, 'product'],
  [/^(urgen|priorit)/, 'urgency'],
  [/^(sentiment|tone|ton|mood|humeur|emotion)/, 'sentiment'],
  [/(customer|client|account|compte|numero)|^id$/, 'customer_id'],
  [/^(summary|resume|synthese|abstract)/, 'summary'],
];

export function detectJsonSpec(system: string): JsonSpec | undefined {
  const text = normalize(system);
  if (!JSON_WORD.test(text)) return undefined;
  const quoted = quotedKeys(system);
  if (!EXTRACTION.test(text) && quoted.length === 0) return undefined;
  const keys = quoted.length > 0 ? quoted : listedKeys(system);
  const summaryLine = normalize(lineOf(system, keys.find((key) => key.concept === 'summary')?.name) ?? '');
  const summary: JsonSpec['summary'] = {};
  const language = summaryLanguage(summaryLine) ?? summaryLanguage(text);
  if (language) summary.language = language;
  const chars =
    /(\d{2,4}) (characters|chars|caracteres)\b/.exec(summaryLine) ?? /\bsummary[^.\n]{0,60}?(\d{2,4}) (characters|chars)\b/.exec(text);
  if (chars?.[1]) summary.maxChars = Number(chars[1]);
  return {
    keys,
    bare: BARE.some((rule) => rule.test(text)),
    emailIsData: EMAIL_IS_DATA.some((rule) => rule.test(text)),
    normaliseId: /\bnormali[sz]\w*|\bbw-/.test(text),
    summary,
  };
}

function summaryLanguage(text: string): Language | undefined {
  if (/\b(in|into) english\b|\ben anglais\b/.test(text)) return 'en';
  if (/\b(in|into) french\b|\ben francais\b/.test(text)) return 'fr';
  return undefined;
}

/** `- "intent": one of "outage", "billing"…` → a key with its allowed values, per line. */
function quotedKeys(system: string): JsonKey[] {
  const keys: JsonKey[] = [];
  // A key opens a line (a bullet) or follows "{" / "," in an example object; `or "positive": the
  // tone` is a value list ending in a colon, not a key.
  // One run of blanks at a time, so a line of 60,000 spaces is read once, not once per split.
  for (const match of system.matchAll(/(?:^[ \t]*(?:(?:[-*•]|\d{1,3}[.)])[ \t]*)?|[{,][ \t]*)["`]([a-z][a-z0-9_]{0,60})["`][ \t]*:/gm)) {
    const name = match[1] ?? '';
    if (keys.some((key) => key.name === name)) continue;
    const line = lineOf(system, name) ?? '';
    const concept = conceptOf(name);
    const rest = line.slice(line.indexOf(name) + name.length + 1);
    const values = [...rest.matchAll(/"([^"\n]{1,40})"/g)].map((value) => value[1] ?? '');
    const key: JsonKey = { name, concept, nullable: /\bnull\b/.test(rest) };
    // Example values of a free-text key ("bw 48213" becomes "BW-48213") are not a list.
    if (values.length >= 2 && concept !== 'customer_id' && concept !== 'summary') key.allowed = values;
    keys.push(key);
  }
  return keys;
}

/** "…as JSON: intent, product, customer ID and a summary." → intent, product, customerId, summary. */
function listedKeys(system: string): JsonKey[] {
  const list = /json\s*[:(]\s*([^.\n)]+)/i.exec(system)?.[1] ?? '';
  const names = list
    .split(/,|\band\b|\bet\b/)
    .map((item) =>
      normalize(item)
        .replace(/^\s*(a|an|the|un|une|le|la|les|l')\s+/, '')
        .trim(),
    )
    .filter((item) => /^[a-z][a-z ]{1,30}$/.test(item))
    .map((item) =>
      item
        .split(/\s+/)
        .map((word, index) => (index === 0 ? word : word.charAt(0).toUpperCase() + word.slice(1)))
        .join(''),
    );
  const unique = [...new Set(names.length > 0 ? names : ['summary'])];
  return unique.map((name) => ({ name, concept: conceptOf(normalize(name)), nullable: false }));
}

function conceptOf(name: string): Concept {
  const lower = name.toLowerCase();
  return CONCEPTS.find(([rule]) => rule.test(lower))?.[1] ?? 'other';
}

function lineOf(system: string, key: string | undefined): string | undefined {
  if (!key) return undefined;
  return system.split(/\r?\n/).find((line) => line.includes(`"${key}"`) || line.includes(`\`${key}\``));
}
