import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { BUILT_IN_EXERCISES } from '../../../server/exercises/built-in';
import { RETIRED_PATTERNS } from '../../../server/exercises/retired-patterns';
import type { ExerciseContent, Expectation } from '../../../shared/exercise';
import { patternIssue } from '../../../shared/pattern';
import { startTestServer, type TestServer } from '../../helpers/server';

// A library seeded by a release whose built-ins used lookahead gets, at its next start, a new
// version of each with only those patterns replaced; one still holding a built-in exactly as a
// release shipped it gets the current content; sessions keep the version they ran.

let server: TestServer | undefined;
afterEach(async () => server?.close());

/** A built-in as an earlier release stored it: each replacement swapped back for the pattern it replaced. */
function asReleasedBefore(content: ExerciseContent): ExerciseContent {
  const retire = (expectations: Expectation[]): Expectation[] => {
    for (const { retired, replacement } of RETIRED_PATTERNS) {
      const at = expectations.findIndex((e, i) => replacement.every((r, j) => JSON.stringify(expectations[i + j]) === JSON.stringify(r)));
      if (at >= 0) return retire([...expectations.slice(0, at), retired, ...expectations.slice(at + replacement.length)]);
    }
    return expectations;
  };
  return { ...content, testCases: content.testCases.map((t) => ({ ...t, expectations: retire(t.expectations) })) };
}

/** What the library held when JSON Schema checks came: the email exercise's previous release, as a fixture. */
function releasedBeforeJsonSchema(id: string): ExerciseContent {
  return JSON.parse(
    readFileSync(new URL(`../../fixtures/exercises/${id}.released-before-json-schema.json`, import.meta.url), 'utf8'),
  ) as ExerciseContent;
}

/** How each built-in was stored by the release before linear-time patterns, with the admin's edits. */
const EDITED: Record<string, (content: ExerciseContent) => ExerciseContent> = {
  'refine-the-chatbot-en': (content) => ({ ...content, title: 'Our chatbot' }),
  'support-emails-to-json-fr': (content) => ({ ...content, title: 'Nos e-mails' }),
};
const OLD_RELEASES: Record<string, () => ExerciseContent> = {
  'refine-the-chatbot-en': () => asReleasedBefore(byId('refine-the-chatbot-en')),
  'refine-the-chatbot-fr': () => asReleasedBefore(byId('refine-the-chatbot-fr')),
  'support-emails-to-json-en': () => asReleasedBefore(releasedBeforeJsonSchema('support-emails-to-json-en')),
  'support-emails-to-json-fr': () => asReleasedBefore(releasedBeforeJsonSchema('support-emails-to-json-fr')),
};
const byId = (id: string) => BUILT_IN_EXERCISES.find((e) => e.id === id)!.content;
const edit = (id: string, content: ExerciseContent) => (EDITED[id] ?? ((c: ExerciseContent) => c))(content);

describe('built-in exercises seeded by earlier releases', () => {
  it('are upgraded at start as new versions, keeping the admin’s edits, the old versions and audit entries', async () => {
    server = await startTestServer();
    const { exercises, clock } = server.app.services;
    for (const [id, old] of Object.entries(OLD_RELEASES)) {
      const content = old();
      expect(
        content.testCases.some((t) =>
          t.expectations.some((e) => e.kind === 'regex' && patternIssue(e.pattern, e.flags)?.reason === 'unsupported'),
        ),
        id,
      ).toBe(true);
      exercises.save(id, edit(id, content), clock.now());
    }
    const before = new Map(BUILT_IN_EXERCISES.map(({ id }) => [id, exercises.current(id)!.version]));
    const session = await server.createSession({ exercise: 'refine-the-chatbot-en' });

    server = await server.restart();
    const after = server.app.services;
    // The chatbot: its lookahead replaced (one version), the admin's title kept.
    for (const id of ['refine-the-chatbot-en', 'refine-the-chatbot-fr']) {
      const current = after.exercises.current(id)!;
      expect(current.version, id).toBe(before.get(id)! + 1);
      expect(current.content, id).toEqual(edit(id, byId(id)));
      // The session's version is untouched: it still checks what it was created with.
      expect(after.exercises.version(id, before.get(id)!)!.content, id).toEqual(edit(id, OLD_RELEASES[id]!()));
    }
    // The unedited email exercise: its lookahead replaced, then the JSON Schema release (two versions).
    const en = after.exercises.current('support-emails-to-json-en')!;
    expect(en.version).toBe(before.get('support-emails-to-json-en')! + 2);
    expect(en.content).toEqual(byId('support-emails-to-json-en'));
    expect(after.exercises.version('support-emails-to-json-en', en.version - 1)!.content).toEqual(
      releasedBeforeJsonSchema('support-emails-to-json-en'),
    );
    // The edited one keeps the admin's version, with only the lookahead replaced.
    const fr = after.exercises.current('support-emails-to-json-fr')!;
    expect(fr.version).toBe(before.get('support-emails-to-json-fr')! + 1);
    expect(fr.content).toEqual(edit('support-emails-to-json-fr', releasedBeforeJsonSchema('support-emails-to-json-fr')));
    // A built-in the library never had is added.
    expect(after.exercises.current('defend-the-prompt-en')?.content).toEqual(byId('defend-the-prompt-en'));

    expect(after.sessions.get(session.id)).toMatchObject({ exerciseVersion: before.get('refine-the-chatbot-en') });
    const audit = after.audit.page(50).filter((e) => e.action === 'exercise.update');
    const reasons = audit.map((e) => [e.target?.id, (e.details as { reason?: string }).reason]).sort();
    expect(reasons).toEqual(
      [...Object.keys(OLD_RELEASES).map((id) => [id, 'linear_time_patterns']), ['support-emails-to-json-en', 'built_in_upgrade']].sort(),
    );

    // Once is enough: the next start changes nothing.
    const settled = new Map(BUILT_IN_EXERCISES.map(({ id }) => [id, after.exercises.current(id)!.version]));
    server = await server.restart();
    for (const { id } of BUILT_IN_EXERCISES) expect(server.app.services.exercises.current(id)!.version, id).toBe(settled.get(id));
  });
});
