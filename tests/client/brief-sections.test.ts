import { describe, expect, it } from 'vitest';
import { briefSections } from '../../client/src/lib/workspace/brief-sections';
import { REFINE_THE_CHATBOT_EN } from '../../server/exercises/refine-the-chatbot.en';
import { REFINE_THE_CHATBOT_FR } from '../../server/exercises/refine-the-chatbot.fr';
import { SUPPORT_EMAILS_TO_JSON_EN } from '../../server/exercises/support-emails-to-json.en';

// The Brief tab's table of contents: the built-in briefs, in both languages, offer "How you are
// assessed" and the knowledge base as their own sections.

describe('brief sections', () => {
  it('finds the assessment and the knowledge base in the built-in briefs', () => {
    for (const exercise of [REFINE_THE_CHATBOT_EN, REFINE_THE_CHATBOT_FR]) {
      const sections = briefSections(exercise.brief, exercise.knowledgeBase);
      expect(sections.filter((s) => s.kind === 'assessment')).toHaveLength(1);
      expect(sections.filter((s) => s.kind === 'knowledge')).toHaveLength(1);
      expect(sections[0]!.kind).not.toBe('assessment');
      // Nothing of the brief is lost by the cut.
      expect(
        sections
          .map((s) => s.markdown)
          .join('\n\n')
          .replace(/\s+/g, ' '),
      ).toContain(exercise.brief.trim().split('\n').at(-1)!.trim().replace(/\s+/g, ' '));
    }
  });

  it('adds the knowledge base when the brief does not carry it', () => {
    const sections = briefSections('Intro\n\n## How you are assessed\n\nClarity.', '- Plans: Basic at 25 €');
    expect(sections.map((s) => s.kind)).toEqual(['intro', 'assessment', 'knowledge']);
    expect(sections[2]!.markdown).toBe('- Plans: Basic at 25 €');
    // A brief with its own spec section (the JSON exercise): the spec stays where the author put it.
    const json = briefSections(SUPPORT_EMAILS_TO_JSON_EN.brief, SUPPORT_EMAILS_TO_JSON_EN.knowledgeBase);
    expect(json.filter((s) => s.kind === 'assessment')).toHaveLength(1);
  });

  it('keeps a hostile heading as text for the Markdown renderer (no HTML built here)', () => {
    const sections = briefSections('## <img src=x onerror=alert(1)>\n\nbody', '');
    expect(sections).toEqual([
      { title: '<img src=x onerror=alert(1)>', kind: 'other', markdown: '## <img src=x onerror=alert(1)>\n\nbody' },
    ]);
  });
});
