// JSON mode, part 2: reading an email by keyword, in English, French and Spanish (the exercise's
// emails). Crude on purpose: a strong prompt gets plausible labels, a weak one free-text guesses.

import { normalize } from './text';

/** Canonical intents with their cues, on accent-free lower-case text. */
export const INTENT_CUES: Array<[string, RegExp]> = [
  [
    'outage',
    /\b(down|outage|no (internet|connection|service)|not working|doesn't work|does not work|disconnect\w*|red light|panne|coupee?|plus d'internet|ne (marche|fonctionne) (plus|pas)|caid[oa]|sin (internet|conexion)|no funciona)\b/,
  ],
  [
    'billing',
    /\b(invoices?|bills?|billing|billed|charged|charges?|overcharged|payments?|factur\w*|preleve\w*|prelevement|paiement|cobr\w*|recibo)\b/,
  ],
  ['cancellation', /\b(cancel\w*|terminate|close my account|resili\w*|baja|dar de baja|cancelar)\b/],
  ['moving', /\b(mov(e|ing)|relocat\w*|new (address|flat|home|house)|demenag\w*|mudanza|me mudo|mudarme)\b/],
  [
    'plan_change',
    /\b(upgrade|downgrade|change (my )?plan|switch to|changer d'offre|changer (de|d') (offre|forfait)|passer (a|sur) l'offre|cambiar de plan)\b/,
  ],
];

/** An outage blocks the service, so it wins; otherwise the request named first. */
export function intentOf(text: string): string | undefined {
  const found = INTENT_CUES.map(([intent, rule]) => ({ intent, at: text.search(rule) })).filter((entry) => entry.at >= 0);
  if (found.some((entry) => entry.intent === 'outage')) return 'outage';
  return found.sort((a, b) => a.at - b.at)[0]?.intent;
}

const NEGATIVE =
  /!!|\b(sick of|fed up|ridiculous|unacceptable|angry|furious|terrible|awful|real problem|fix it or|j'en ai marre|inadmissible|scandal\w*|vrai probleme|ras le bol|inaceptable|harto)\b/;
const POSITIVE =
  /\b(great|excellent|wonderful|friendly|on time|well done|just wanted to say|parfait|aimable|genial|formidable|bravo|je voulais (juste )?(dire|remercier)|a l'heure|muy amable|excelente)\b/;

export function sentimentOf(text: string, original: string): 'negative' | 'neutral' | 'positive' {
  const letters = original.replace(/[^\p{L}]/gu, '');
  const shouting = letters.length > 20 && letters.replace(/\P{Lu}/gu, '').length / letters.length > 0.4;
  if (shouting || NEGATIVE.test(text)) return 'negative';
  return POSITIVE.test(text) ? 'positive' : 'neutral';
}

const SOON = /\b(today|tonight|tomorrow|within (24|48) hours|asap|immediately|aujourd'hui|ce soir|demain|sous (24|48) ?h|hoy|manana)\b/;
const WEEKS = /\b(end of the month|next week|this week|fin du mois|fin de mois|semaine prochaine|finales de mes|la semana que viene)\b/;

/** The contract's levels: no service or a 48-hour deadline → high; a problem or a deadline in weeks → medium. */
export function urgencyOf(text: string, intent: string | undefined): 'high' | 'medium' | 'low' {
  if (intent === 'outage' || SOON.test(text)) return 'high';
  if (intent === 'billing' || intent === 'plan_change' || WEEKS.test(text)) return 'medium';
  return 'low';
}

/** "bw 48213", "BW48213", "BW-48213" → its parts; the raw spelling too, for prompts that do not normalise. */
export function customerIdOf(original: string): { raw: string; normalised: string } | undefined {
  const match = /\bbw[\s-]?(\d{5})\b/i.exec(original);
  return match?.[1] ? { raw: match[0], normalised: `BW-${match[1]}` } : undefined;
}

/** A product named in the email, exactly as the allowed list spells it ("Plus", not "plus de"). */
export function productOf(original: string, allowed: string[]): string | undefined {
  return allowed.find((value) => {
    const escaped = value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])(?!\\s+(?:d'|de\\b|du\\b|que\\b))`, 'u').test(original);
  });
}

/** An instruction aimed at the model inside the email, and the values it dictates. */
export interface Injection {
  start: number;
  end: number;
  values: Partial<Record<'urgency' | 'sentiment' | 'intent' | 'summary', string>>;
}

const INJECTION =
  /ignore (your|tes|vos|all|all your|toutes? (tes|vos)) (previous |precedentes? )?(instructions|consignes)|note (to|a) (the )?(ai|l'assistant|ia)\b|ignora (tus|las) instrucciones/;

export function injectionIn(email: string): Injection | undefined {
  const text = normalize(email);
  const at = text.search(INJECTION);
  if (at < 0) return undefined;
  // The injected block: between "---" rules when the email has them, else its paragraph.
  const before = text.lastIndexOf('\n---', at);
  const after = text.indexOf('\n---', at);
  const paragraph = text.lastIndexOf('\n\n', at);
  // A one-paragraph email loses only what follows the injected instruction.
  const start = before >= 0 ? before : paragraph >= 0 ? paragraph : at;
  const endAt = after >= 0 ? after + 4 : text.indexOf('\n\n', at);
  const end = endAt >= 0 ? endAt : text.length;
  const block = email.slice(start, end);
  const values: Injection['values'] = {};
  for (const [concept, words] of [
    ['urgency', 'urgency|urgence'],
    ['sentiment', 'sentiment'],
    ['intent', 'intent|intention'],
  ] as const) {
    const value = new RegExp(`(?:${words})[^"«\\n]{0,15}["«]\\s*([^"»\\n]{1,30}?)\\s*["»]`, 'i').exec(normalizeKeepCase(block))?.[1];
    if (value) values[concept] = value;
  }
  const summary = /(?:exactly|exactement)\s*["«]\s*([^"»\n]{1,120}?)\s*["»]/i.exec(block)?.[1];
  if (summary) values.summary = summary;
  return { start, end, values };
}

/** Accent-free but case-kept, so the regexes above read "urgence"/"urgency" alike. */
function normalizeKeepCase(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}
