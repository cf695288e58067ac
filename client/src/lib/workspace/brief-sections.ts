// The brief cut at its second-level headings, so the Brief tab can offer a one-click table of
// contents ("How you are assessed", "Knowledge base") during the whole session. Pure.

export type BriefSectionKind = 'intro' | 'assessment' | 'knowledge' | 'other';

export interface BriefSection {
  /** The heading's text; '' for what comes before the first heading. */
  title: string;
  kind: BriefSectionKind;
  /** The section's Markdown, heading included. */
  markdown: string;
}

// Exercises are written in English or French; these are the headings the built-in ones use
// (and what an author would write), matched loosely.
const ASSESSMENT = /assess|evaluat|évalu|graded|noté/i;
const KNOWLEDGE = /knowledge|connaissances|reference|référence/i;

export function briefSections(brief: string, knowledgeBase: string): BriefSection[] {
  const sections: BriefSection[] = [];
  let current: { title: string; lines: string[] } = { title: '', lines: [] };
  const close = () => {
    const markdown = current.lines.join('\n').trim();
    if (markdown) sections.push({ title: current.title, kind: kindOf(current.title), markdown });
  };
  for (const line of brief.split('\n')) {
    const heading = /^##\s+(.+?)\s*#*\s*$/.exec(line);
    if (heading) {
      close();
      current = { title: heading[1]!, lines: [] };
    }
    current.lines.push(line);
  }
  close();
  // The knowledge base travels apart from the brief; show it unless the brief already has it.
  const kb = knowledgeBase.trim();
  if (kb && !sections.some((s) => s.kind === 'knowledge') && !brief.includes(kb)) {
    sections.push({ title: '', kind: 'knowledge', markdown: kb });
  }
  return sections;
}

function kindOf(title: string): BriefSectionKind {
  if (!title) return 'intro';
  if (ASSESSMENT.test(title)) return 'assessment';
  if (KNOWLEDGE.test(title)) return 'knowledge';
  return 'other';
}
