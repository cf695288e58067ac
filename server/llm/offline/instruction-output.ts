// Two instruction kinds about the answer's outside rather than its content: one format (bullet
// points, a numbered list, a JSON object) and a required text (a phrase to end or open every
// answer with, or a contact to give — always, or when the bot cannot help).

export type AnswerFormat = 'bullets' | 'numbered' | 'json';

export interface RequiredText {
  /** A phrase is added as written; a contact (phone, e-mail) inside a sentence that gives it. */
  kind: 'phrase' | 'contact';
  text: string;
  /** `fallback`: only in answers that cannot help ("if you don't know, give 0800…"). */
  when: 'always' | 'fallback';
  at: 'start' | 'end';
}

// On normalize()d text. Numbered before bullets: "a numbered list" is a list too.
const FORMATS: Array<[RegExp, AnswerFormat]> = [
  [
    /\b(answer|respond|reply|format|output|write|return)[a-z ,]{0,40}\bjson\b|\bjson (object|format|only)\b|\b(en|au format|sous forme d'un?|format) (objet )?json\b|\bobjet json\b/,
    'json',
  ],
  [/\bnumbered (list|steps|points)\b|\blist of (numbered )?steps\b|\bliste numerotee\b|\betapes numerotees\b/, 'numbered'],
  [
    /\bbullet(ed)? (points?|list)\b|\bbullets\b|\b(as|in) a (short )?list\b|\blist format\b|\bliste a puces\b|\bpuces\b|\bsous forme de liste\b|\ben liste\b/,
    'bullets',
  ],
];

export function detectFormat(normalized: string): AnswerFormat | undefined {
  return FORMATS.find(([rule]) => rule.test(normalized))?.[1];
}

/** The key a JSON answer goes under: the one the prompt quotes (`{"reply": …}`), else "answer". */
export function jsonAnswerKey(system: string): string {
  return /["`](answer|reply|response|reponse|réponse|message|text|texte)["`]\s*:/i.exec(system)?.[1] ?? 'answer';
}

// A quoted phrase: "…", “…”, «…» or '…', at most 160 characters on one line.
const QUOTED = String.raw`\s*(?:"([^"\n]{2,160})"|“([^”\n]{2,160})”|«\s?([^»\n]{2,160}?)\s?»|'([^'\n]{2,160})')`;
const END_WITH = new RegExp(
  String.raw`\b(?:end|finish|close|conclude|sign(?: off)?|terminat\w*)\b[^.\n"“«']{0,40}?\bwith\b` +
    QUOTED +
    String.raw`|\b(?:termine[rsz]?|terminez|finis(?:sez)?|finir|conclu(?:s|ez|re)|signe[rsz]?|signez)\b[^.\n"“«']{0,40}?\bpar\b` +
    QUOTED +
    String.raw`|\b(?:always )?(?:include|add|append|mention)\b[^.\n"“«']{0,30}?\b(?:phrase|sentence|words?|line|mention)\b` +
    QUOTED +
    String.raw`|\b(?:inclu(?:s|ez|re)|ajoute[rsz]?|ajoutez|mentionne[rsz]?|mentionnez)\b[^.\n"“«']{0,30}?\b(?:phrase|mention|mots?|ligne)\b` +
    QUOTED,
  'giu',
);
const START_WITH = new RegExp(
  String.raw`\b(?:start|begin|open)\b[^.\n"“«']{0,40}?\bwith\b` +
    QUOTED +
    String.raw`|\b(?:commence[rsz]?|commencez|debute[rsz]?|débute[rsz]?|débutez|debutez)\b[^.\n"“«']{0,40}?\bpar\b` +
    QUOTED,
  'giu',
);

// A phone number (8 to 20 digits and separators) or an e-mail address: bounded, so linear-time.
const CONTACT = /(?<![\w+])\+?\d[\d .\u00a0-]{6,18}\d(?!\w)|[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,4}/u;
const GIVE =
  /\b(give|provide|mention|include|share|add|refer|direct|point|offer|suggest|invite|recommend|send|tell (them|the customer)|donne[rsz]?|donnez|indique[rsz]?|indiquez|communique[rsz]?|communiquez|mentionne[rsz]?|mentionnez|propose[rsz]?|proposez|oriente[rsz]?|orientez|renvoie[rsz]?|renvoyez|invite[rsz]?|invitez|recommande[rsz]?|recommandez|ajoute[rsz]?|ajoutez)\b/i;
const CONDITION = /\b(if|when|whenever|unless|otherwise|in case|si|sinon|quand|lorsque|lorsqu|en cas|a defaut|à défaut|faute de)\b/i;

/** `rules` is the prompt without its knowledge-base facts, in its own spelling. */
export function detectRequired(rules: string): RequiredText[] {
  const required: RequiredText[] = [];
  const quoted = (match: RegExpMatchArray) =>
    match
      .slice(1)
      .find((group) => group !== undefined)
      ?.trim();
  for (const match of rules.matchAll(END_WITH)) {
    const text = quoted(match);
    if (text) required.push({ kind: 'phrase', text, when: 'always', at: 'end' });
  }
  for (const match of rules.matchAll(START_WITH)) {
    const text = quoted(match);
    if (text) required.push({ kind: 'phrase', text, when: 'always', at: 'start' });
  }
  // A contact the rules tell the bot to give: in every answer, or only when it cannot help.
  for (const sentence of rules.split(/(?<=[.!?;])\s+|\n+/)) {
    if (sentence.length > 2_000) continue;
    const contact = CONTACT.exec(sentence)?.[0]?.trim();
    if (!contact || !GIVE.test(sentence) || required.some((item) => item.text.includes(contact))) continue;
    required.push({ kind: 'contact', text: contact, when: CONDITION.test(sentence) ? 'fallback' : 'always', at: 'end' });
  }
  return required.slice(0, 4);
}
