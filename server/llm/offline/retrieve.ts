// From a ranking to an answer's sources: which knowledge-base entries a careful reader would
// answer this question from. The entry whose subject (its label) the question asks about comes
// first; another joins when it answers a part of the question the first leaves out ("down for
// three days": the outage steps, and the refund after 48 hours). Several parts of one fact that
// the question does not tell apart ("how much does it cost?" against three plans) are reported
// as undistinguished, for the caller to ask which one, or to list them when their subject is asked.

import { evidenceOf, isConcept } from './analyze';
import type { Entry, Hit, KnowledgeIndex } from './knowledge';
import { normalize } from './text';

export interface Retrieval {
  /** Entries to answer from, in knowledge-base order; empty when nothing matches. */
  entries: Entry[];
  /** Parts of one fact that match the question equally: which one is meant is unclear. */
  undistinguished: Entry[];
  /** The question's distinct terms, and those the chosen entries contain. */
  asked: Set<string>;
  covered: Set<string>;
  /** The chosen subject is named by the question (its label), not only mentioned by the entry. */
  subjectAsked: boolean;
}

const MAX_ENTRIES = 3;

/**
 * `terms` are the question's; `context` are an earlier message's, for a follow-up ("and the
 * cheapest one?"): they count half, and only to decide between entries the question reaches.
 */
export function retrieve(index: KnowledgeIndex, terms: string[], context: string[] = [], question = ''): Retrieval {
  const asked = new Set(terms);
  const hits = rankWithContext(index, terms, context);
  const none: Retrieval = { entries: [], undistinguished: [], asked, covered: new Set(), subjectAsked: false };
  const query = new Set([...terms, ...context]);
  const scored = hits.map((hit) => ({ ...hit, adjusted: hit.score * (subjectAskedOf(hit.entry, query) ? 1 : 0.5) }));
  scored.sort((a, b) => b.adjusted - a.adjusted || a.entry.position - b.entry.position);
  const primary = scored[0];
  if (!primary) return none;

  // Entries the question reaches through the same terms only: the parts of one fact, else
  // separate facts that score alike ("The Basic plan costs…", "The Pro plan costs…").
  const sameTerms = (hit: Hit) => hit.matched.size === primary.matched.size && [...hit.matched].every((term) => primary.matched.has(term));
  const siblings = scored.filter((hit) => hit.entry.group === primary.entry.group);
  const asks = (hit: Hit) => subjectAskedOf(hit.entry, query);
  const alike =
    siblings.length >= 2 ? siblings : scored.filter((hit) => hit.adjusted >= 0.8 * primary.adjusted && asks(hit) === asks(primary));
  const inOrder = (entries: Entry[]) => entries.sort((a, b) => a.position - b.position);
  const undistinguished = alike.length >= 2 && alike.every(sameTerms) ? inOrder(alike.map((hit) => hit.entry)) : [];
  // "The cheapest one", "la plus rapide": the parts of the fact reached are compared, whichever
  // one the words matched ("plus" in "la plus rapide" is not the Plus plan).
  const superlative = superlativeIn(question);
  const group = index.entries.filter((entry) => entry.group === primary.entry.group);
  if (superlative && group.length >= 2) {
    const chosen = pickBy(group, superlative);
    if (chosen) return finish([chosen], asked, index, true);
  }
  if (undistinguished.length > 0) {
    const subjectAsked = subjectAskedOf(primary.entry, query);
    return {
      entries: subjectAsked ? undistinguished : [],
      undistinguished,
      asked,
      covered: union(alike.map((hit) => hit.matched)),
      subjectAsked,
    };
  }

  const chosen: typeof scored = [primary];
  const covered = new Set(primary.matched);
  const related = (hit: Hit) => [...hit.matched].some((term) => covered.has(term));
  // The question names a subject the first entry only mentions: that subject's entry joins.
  if (!subjectAskedOf(primary.entry, query)) {
    const subject = scored.find(
      (hit) => hit !== primary && subjectAskedOf(hit.entry, query) && related(hit) && hit.adjusted >= 0.3 * primary.adjusted,
    );
    if (subject) {
      chosen.push(subject);
      for (const term of subject.matched) covered.add(term);
    }
  }
  for (const hit of scored) {
    if (chosen.length >= MAX_ENTRIES) break;
    if (chosen.includes(hit) || hit.adjusted < 0.4 * primary.adjusted || !related(hit)) continue;
    const adds = [...hit.matched].filter((term) => asked.has(term) && !covered.has(term));
    if (adds.length === 0 || (siblingOfChosen(hit, chosen) && !adds.some((term) => !isConcept(term)))) continue;
    chosen.push(hit);
    for (const term of hit.matched) covered.add(term);
  }
  // An entry whose evidence another chosen entry, about an asked subject, all contains adds
  // nothing ("I'm moving, can I keep my contract?": the moving entry says the contract moves).
  // Evidence counts a concept word once: "abonnement" and ~contract are one piece of it.
  const evidence = (hit: Hit) => new Set([...hit.matched].map(evidenceOf));
  // It goes too when the other holds more of the question's own words ("the light on my
  // Brightbox is red": the outage entry has the Brightbox, the light and the red), not when it only
  // adds a concept ("down for three days": the refund adds the duration, the steps stay).
  const redundant = (hit: Hit) => {
    const own = evidence(hit);
    return chosen.some((other) => {
      const theirs = evidence(other);
      if (other === hit || theirs.size <= own.size || ![...own].every((term) => theirs.has(term))) return false;
      return asks(other) || [...theirs].some((term) => !own.has(term) && !isConcept(term));
    });
  };
  const kept = chosen.filter((hit) => !redundant(hit));
  return finish(
    kept.map((hit) => hit.entry),
    asked,
    index,
    kept.some(asks),
  );
}

function finish(entries: Entry[], asked: Set<string>, index: KnowledgeIndex, subjectAsked: boolean): Retrieval {
  const ordered = [...entries].sort((a, b) => a.position - b.position);
  const covered = new Set<string>();
  for (const entry of ordered) for (const term of index.termsOfEntry(entry)) if (asked.has(term)) covered.add(term);
  return { entries: ordered, undistinguished: [], asked, covered, subjectAsked };
}

function rankWithContext(index: KnowledgeIndex, terms: string[], context: string[]): Hit[] {
  const own = index.rank(terms);
  if (context.length === 0) return own;
  const earlier = new Map(index.rank(context).map((hit) => [hit.entry.id, hit]));
  // The earlier message reranks what the question reaches; alone, it would be the old topic.
  const reached = own.length > 0 ? own : [...earlier.values()];
  return reached
    .map((hit) => ({ ...hit, score: (own.length > 0 ? hit.score : 0) + 0.5 * (earlier.get(hit.entry.id)?.score ?? 0) }))
    .sort((a, b) => b.score - a.score);
}

/** The entry's subject is what the question asks about: its label's concepts (else words) are all in it. */
export function subjectAskedOf(entry: Entry, query: Set<string>): boolean {
  const label = [...entry.labelTerms];
  if (label.length === 0) return false;
  const concepts = label.filter(isConcept);
  const needed = concepts.length > 0 ? concepts : label;
  return needed.every((term) => query.has(term));
}

function siblingOfChosen(hit: Hit, chosen: Hit[]): boolean {
  return chosen.some((other) => other.entry.group === hit.entry.group);
}

function union(sets: Set<string>[]): Set<string> {
  const all = new Set<string>();
  for (const set of sets) for (const term of set) all.add(term);
  return all;
}

type Superlative = { by: 'price' | 'speed'; order: 'min' | 'max' };

const SUPERLATIVES: Array<[RegExp, Superlative]> = [
  [
    /\b(cheapest|least expensive|lowest price|most affordable|moins chere?s?|moins couteuse?s?|plus abordables?)\b/,
    { by: 'price', order: 'min' },
  ],
  [/\b(most expensive|priciest|dearest|plus chere?s?|plus couteuse?s?)\b/, { by: 'price', order: 'max' }],
  [/\b(fastest|quickest|highest speed|most speed|plus rapides?|plus de debit|plus puissante?s?)\b/, { by: 'speed', order: 'max' }],
  [/\b(slowest|lowest speed|moins rapides?|plus lente?s?)\b/, { by: 'speed', order: 'min' }],
];

function superlativeIn(question: string): Superlative | undefined {
  const text = normalize(question);
  return SUPERLATIVES.find(([rule]) => rule.test(text))?.[1];
}

/** "Basic 100 Mb/s at 25 €/month" → 25 (price) or 100 (speed, in Mb/s). */
function measure(entry: Entry, by: Superlative['by']): number | undefined {
  if (by === 'price') {
    const match = /(\d+(?:[.,]\d+)?)\s?€|€\s?(\d+(?:[.,]\d+)?)/.exec(entry.body);
    const value = match?.[1] ?? match?.[2];
    return value === undefined ? undefined : Number(value.replace(',', '.'));
  }
  const match = /(\d+(?:[.,]\d+)?)\s?([GM])b\/s/i.exec(entry.body);
  if (!match?.[1]) return undefined;
  return Number(match[1].replace(',', '.')) * (match[2]?.toUpperCase() === 'G' ? 1000 : 1);
}

function pickBy(entries: Entry[], superlative: Superlative): Entry | undefined {
  const measured = entries.map((entry) => ({ entry, value: measure(entry, superlative.by) })).filter((item) => item.value !== undefined);
  if (measured.length < 2) return undefined;
  measured.sort((a, b) => ((a.value ?? 0) - (b.value ?? 0)) * (superlative.order === 'min' ? 1 : -1));
  return measured[0]?.entry;
}
