// The knowledge base as the simulator retrieves from it: each fact of the system prompt is an
// entry ("Plans: a; b; c" is three entries of one group, so a question about one plan gets that
// plan), indexed with BM25 (MiniSearch) over analyze()'s terms, the label ("Outages") weighing
// more than the body. A question is ranked against every entry; the caller decides what answers.

import MiniSearch from 'minisearch';
import { analyze } from './analyze';
import { guessLanguage, type Language } from './text';

export interface Entry {
  /** "3" for the third fact, "1.2" for the second part of the first: stable across languages. */
  id: string;
  /** The fact's position in the knowledge base, from 1; shared by the parts of one fact. */
  group: number;
  /** The entry's position among all entries, from 0: the knowledge base's order. */
  position: number;
  /** The subject before ":" ("Outages"), empty when the fact has none. */
  label: string;
  /** The part that tells it apart from its siblings ("Plus 500 Mb/s at 35 €/month"). */
  body: string;
  /** What the answer quotes. */
  text: string;
  /** The analysed terms of the label, to tell "asked about" from "mentioned". */
  labelTerms: Set<string>;
}

export interface Hit {
  entry: Entry;
  score: number;
  /** The question's terms this entry contains. */
  matched: Set<string>;
}

const LABEL = /^([^:;.]{1,40}):\s*/;

function knowledgeEntries(facts: string[], language: Language): Entry[] {
  const entries = facts.flatMap((fact, index): Array<Omit<Entry, 'position'>> => {
    const group = index + 1;
    const label = LABEL.exec(fact);
    const labelText = label?.[1]?.trim() ?? '';
    const labelTerms = new Set(labelText ? analyze(labelText, language) : []);
    const parts = fact.split(/;\s+/).filter(Boolean);
    if (parts.length < 2) {
      const body = label ? fact.slice(label[0].length) : fact;
      return [{ id: String(group), group, label: labelText, body, text: fact, labelTerms }];
    }
    return parts.map((part, partIndex) => {
      const body = partIndex === 0 && label ? part.slice(label[0].length) : part;
      // The label keeps its own spelling and spacing ("Offres : " in French).
      return {
        id: `${group}.${partIndex + 1}`,
        group,
        label: labelText,
        body,
        text: label ? `${label[0].trimEnd()} ${body}` : body,
        labelTerms,
      };
    });
  });
  return entries.map((entry, position) => ({ ...entry, position }));
}

export class KnowledgeIndex {
  readonly entries: Entry[];
  readonly language: Language;
  /** Every term of the knowledge base, to tell a question about it from one beside it. */
  readonly vocabulary: Set<string>;
  private readonly search: MiniSearch<{ id: string; label: string; body: string }>;
  private readonly byId: Map<string, Entry>;
  private readonly termsOf = new Map<string, Set<string>>();

  constructor(facts: string[]) {
    this.language = guessLanguage(facts.join('\n'));
    this.entries = knowledgeEntries(facts, this.language);
    this.byId = new Map(this.entries.map((entry) => [entry.id, entry]));
    const language = this.language;
    // Each field is analysed once: MiniSearch's tokenizer reads what the vocabulary loop stored.
    const analysed = new Map<string, string[]>();
    const terms = (text: string) => {
      let found = analysed.get(text);
      if (!found) analysed.set(text, (found = analyze(text, language)));
      return found;
    };
    this.search = new MiniSearch({
      fields: ['label', 'body'],
      tokenize: terms,
      processTerm: (term) => term,
      searchOptions: { boost: { label: 2 }, combineWith: 'OR', prefix: false, fuzzy: false },
    });
    this.vocabulary = new Set();
    for (const entry of this.entries) {
      const own = new Set([...entry.labelTerms, ...terms(entry.body)]);
      this.termsOf.set(entry.id, own);
      for (const term of own) this.vocabulary.add(term);
    }
    this.search.addAll(this.entries.map(({ id, label, body }) => ({ id, label, body })));
  }

  termsOfEntry(entry: Entry): Set<string> {
    return this.termsOf.get(entry.id) ?? new Set();
  }

  /** Entries ranked by BM25 for these query terms, best first; ties keep the knowledge base's order. */
  rank(terms: string[]): Hit[] {
    const unique = [...new Set(terms)];
    if (unique.length === 0 || this.entries.length === 0) return [];
    const results = this.search.search(unique.join(' '), { tokenize: (query) => query.split(' '), processTerm: (term) => term });
    return results
      .map((result) => {
        const entry = this.byId.get(String(result.id));
        return entry ? { entry, score: result.score, matched: new Set(result.queryTerms) } : undefined;
      })
      .filter((hit): hit is Hit => hit !== undefined)
      .sort((a, b) => b.score - a.score || a.entry.position - b.entry.position);
  }
}
