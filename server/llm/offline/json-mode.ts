// JSON mode, part 3: the answer to an extraction prompt. A precise prompt (json-spec.ts) gets a
// bare object with allowed values, a normalised or null customer number and a summary in the
// asked language; a vague one gets what a model does with a vague prompt — a chatty preamble, a
// code fence, free-text labels, an invented id, a summary in the email's language, and obedience
// to instructions hidden in the email.

import { customerIdOf, injectionIn, intentOf, productOf, sentimentOf, urgencyOf } from './email-cues';
import type { JsonKey, JsonSpec } from './json-spec';
import { normalize, sentences, type Language } from './text';

type Value = string | null;

const FREE_INTENT: Record<Language, Record<string, string>> = {
  en: {
    outage: 'Internet outage',
    billing: 'Billing issue',
    cancellation: 'Cancellation request',
    moving: 'Moving house',
    plan_change: 'Plan change',
    other: 'General feedback',
  },
  fr: {
    outage: 'Panne',
    billing: 'Facturation',
    cancellation: 'Résiliation',
    moving: 'Déménagement',
    plan_change: "Changement d'offre",
    other: 'Autre',
  },
};
const FREE_LEVEL: Record<Language, Record<string, string>> = {
  en: { high: 'high', medium: 'medium', low: 'low', negative: 'negative', neutral: 'neutral', positive: 'positive' },
  fr: { high: 'haute', medium: 'moyenne', low: 'basse', negative: 'négatif', neutral: 'neutre', positive: 'positif' },
};
const PREAMBLE: Record<Language, string> = { en: 'Here is the extracted information:', fr: 'Voici les informations extraites :' };
const PLANS = ['Basic', 'Essentiel', 'Plus', 'Max'];

export function composeJson(spec: JsonSpec, email: string, language: Language, summaryLanguage: Language | undefined): string {
  const injection = injectionIn(email);
  // Told that the email is data, the simulator reads around the injected block; otherwise it obeys it.
  const data = injection && spec.emailIsData ? email.slice(0, injection.start) + email.slice(injection.end) : email;
  const obeyed = injection && !spec.emailIsData ? injection.values : {};
  const text = normalize(data);
  const intent = intentOf(text) ?? 'other';
  const sentiment = sentimentOf(text, data);
  const strict = (key: JsonKey, canonical: string): Value => {
    if (!key.allowed) return FREE_LEVEL[language][canonical] ?? FREE_INTENT[language][canonical] ?? canonical;
    return (
      key.allowed.find((value) => normalize(value) === canonical) ??
      key.allowed.find((value) => normalize(value) === 'other') ??
      key.allowed.at(-1) ??
      null
    );
  };

  const ticket: Record<string, Value> = {};
  for (const key of spec.keys) {
    switch (key.concept) {
      case 'intent':
        ticket[key.name] = obeyed.intent ?? strict(key, intent);
        break;
      case 'product': {
        const named = productOf(data, key.allowed ?? PLANS);
        if (key.allowed) ticket[key.name] = named ?? (key.nullable ? null : 'Internet');
        else ticket[key.name] = named ? (language === 'fr' ? `offre ${named}` : `${named} plan`) : 'Internet';
        break;
      }
      case 'urgency': {
        // Without defined levels the simulator over-reacts, like the seeded outputs: "medium" at least.
        const level = urgencyOf(text, intent);
        ticket[key.name] = obeyed.urgency ?? strict(key, key.allowed ? level : level === 'low' ? 'medium' : level);
        break;
      }
      case 'sentiment':
        ticket[key.name] = obeyed.sentiment ?? strict(key, sentiment);
        break;
      case 'customer_id': {
        const id = customerIdOf(data);
        // Never told to use null, it fills the blank with a plausible number.
        ticket[key.name] = id ? (spec.normaliseId ? id.normalised : id.raw) : key.nullable ? null : 'BW-00000';
        break;
      }
      case 'summary': {
        const written =
          obeyed.summary ?? (summaryLanguage ? summarize(intent, sentiment, data, summaryLanguage, !!injection) : extractive(data));
        ticket[key.name] = spec.summary.maxChars ? cap(written, spec.summary.maxChars) : written;
        break;
      }
      default:
        ticket[key.name] = null;
    }
  }
  const json = JSON.stringify(ticket, null, 2);
  return spec.bare ? json : `${PREAMBLE[language]}\n\n\`\`\`json\n${json}\n\`\`\``;
}

/** A summary in the asked language, from what was extracted: one sentence, only the email's facts. */
function summarize(intent: string, sentiment: string, email: string, language: Language, injected: boolean): string {
  const product = productOf(email, PLANS);
  const text = normalize(email);
  const router = /\b(router|routeur|box|brightbox)\b/.test(text) && email.includes('?');
  const en: Record<string, string> = {
    outage: `The customer reports that the connection is down${product ? ` on the ${product} plan` : ''} and asks for it to be fixed`,
    billing: `The customer disputes an amount on their invoice${product ? ` for the ${product} plan` : ''}`,
    cancellation: `The customer wants to cancel the ${product ? `${product} ` : ''}contract${router ? ' and asks whether to return the router' : ''}`,
    moving: 'The customer is moving and asks how to keep the service and whether it costs anything',
    plan_change: 'The customer wants to change plan',
    other:
      sentiment === 'positive' ? 'The customer thanks the support team; nothing to do' : `The customer writes about: ${subjectOf(email)}`,
  };
  const fr: Record<string, string> = {
    outage: `Le client signale une panne de connexion${product ? ` sur l'offre ${product}` : ''} et demande une intervention`,
    billing: `Le client conteste un montant de sa facture${product ? ` (offre ${product})` : ''}`,
    cancellation: `Le client veut résilier son contrat${product ? ` ${product}` : ''}${router ? " et demande s'il doit renvoyer la box" : ''}`,
    moving: "Le client déménage et demande comment garder le service et si c'est payant",
    plan_change: "Le client souhaite changer d'offre",
    other:
      sentiment === 'positive'
        ? "Le client remercie l'équipe support ; rien à traiter"
        : `Le client écrit au sujet de : ${subjectOf(email)}`,
  };
  const base = (language === 'fr' ? fr : en)[intent] ?? '';
  const note = injected
    ? language === 'fr'
      ? " ; l'e-mail contient aussi des consignes adressées à l'IA"
      : '; the email also contains instructions aimed at the AI'
    : '';
  return `${base}${note}.`;
}

const GREETING = /^(hello|hi|hey|dear [^,]+|bonjour|salut|hola|buenos dias)\b[ ,!]*/i;

/** What an unguided model writes: the email's first sentence, in the email's own language. */
function extractive(email: string): string {
  const lines = email
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
  const body = lines.filter((line) => !/^(subject|objet|asunto|re|fwd?)\s*:/i.test(line) && !/^(hello|hi|bonjour|hola)\W*$/i.test(line));
  const first = sentences((body[0] ?? lines[0] ?? '').replace(GREETING, ''))[0] ?? '';
  return first.charAt(0).toUpperCase() + first.slice(1);
}

function subjectOf(email: string): string {
  const subject = /^(?:subject|objet|asunto)\s*:\s*(.+)$/im.exec(email)?.[1];
  return (subject ?? extractive(email)).replace(/[.!?\s]+$/, '');
}

function cap(text: string, maxChars: number): string {
  if ([...text].length <= maxChars) return text;
  const cut = text.slice(0, maxChars - 1);
  return `${cut.slice(0, Math.max(1, cut.lastIndexOf(' ')))}…`;
}
