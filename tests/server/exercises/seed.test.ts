import { afterEach, describe, expect, it } from 'vitest';
import { BUILT_IN_EXERCISES } from '../../../server/exercises/built-in';
import { RETIRED_PATTERNS } from '../../../server/exercises/retired-patterns';
import type { ExerciseContent, Expectation } from '../../../shared/exercise';
import { patternIssue } from '../../../shared/pattern';
import { startTestServer, type TestServer } from '../../helpers/server';

// A library seeded by a release whose built-ins used lookahead gets, at its next start, a new
// version of each with only those patterns replaced; sessions keep the version they ran.

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

describe('built-in exercises seeded with retired patterns', () => {
  it('are upgraded at start as a new version, keeping the admin’s edits, the old version and an audit entry', async () => {
    server = await startTestServer();
    const { exercises, clock } = server.app.services;
    for (const { id, content } of BUILT_IN_EXERCISES) {
      const old = asReleasedBefore(content);
      expect(old.testCases.some((t) => t.expectations.some((e) => e.kind === 'regex' && patternIssue(e.pattern, e.flags)?.reason === 'unsupported')), id).toBe(true);
      // The admin had edited the English chatbot's title since.
      exercises.save(id, id === 'refine-the-chatbot-en' ? { ...old, title: 'Our chatbot' } : old, clock.now());
    }
    const before = new Map(BUILT_IN_EXERCISES.map(({ id }) => [id, exercises.current(id)!.version]));
    const session = await server.createSession({ exercise: 'refine-the-chatbot-en' });

    server = await server.restart();
    const after = server.app.services;
    for (const { id, content } of BUILT_IN_EXERCISES) {
      const current = after.exercises.current(id)!;
      expect(current.version, id).toBe(before.get(id)! + 1);
      expect(current.content, id).toEqual(id === 'refine-the-chatbot-en' ? { ...content, title: 'Our chatbot' } : content);
      // The session's version is untouched: it still checks what it was created with.
      expect(after.exercises.version(id, before.get(id)!)!.content, id).toEqual(asReleasedBefore(id === 'refine-the-chatbot-en' ? { ...content, title: 'Our chatbot' } : content));
    }
    expect(after.sessions.get(session.id)).toMatchObject({ exerciseVersion: before.get('refine-the-chatbot-en') });
    const audit = after.audit.page(50).filter((e) => e.action === 'exercise.update');
    expect(audit.map((e) => [e.actor, e.target?.id]).sort()).toEqual(BUILT_IN_EXERCISES.map(({ id }) => ['system', id]).sort());

    // Once is enough: the next start changes nothing.
    server = await server.restart();
    for (const { id } of BUILT_IN_EXERCISES) expect(server.app.services.exercises.current(id)!.version, id).toBe(before.get(id)! + 1);
  });
});
