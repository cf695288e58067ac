import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExerciseContent } from '../../shared/exercise';
import { connectLive } from '../helpers/live-client';
import { ManualClock } from '../helpers/manual-clock';
import { startTestServer, type TestServer } from '../helpers/server';
import { apiClient, errorOf } from './api-client';

// A manual clock lets the auth checks below outwait the failed-sign-in limit (20 a minute).
const clock = new ManualClock();
let server: TestServer;
let api: ReturnType<typeof apiClient>;
let base: ExerciseContent;
let candidateToken: string;
beforeAll(async () => {
  server = await startTestServer({ clock });
  api = apiClient(server);
  base = (await api.get('/api/exercises/refine-the-chatbot-en')).body.content;
  candidateToken = (await server.createSession()).invites.candidate.token;
});
afterAll(async () => server.close());

const content = (overrides: Partial<ExerciseContent> = {}): ExerciseContent => ({ ...base, ...overrides });
let slugs = 0;
const freshSlug = () => `exercise-${++slugs}-${Date.now().toString(36)}`;

async function create(overrides: Partial<ExerciseContent> = {}) {
  const response = await api.post('/api/exercises', content({ slug: freshSlug(), ...overrides }));
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body as { id: string; slug: string; version: number; content: ExerciseContent; versions: { version: number }[] };
}

async function auditActions(): Promise<string[]> {
  return (await api.get('/api/audit?limit=500')).body.entries.map((e: { action: string }) => e.action);
}

describe('exercise library API', () => {
  it('lists the library, and every exercise route refuses a missing, wrong or invite token', async () => {
    const list = await api.get('/api/exercises');
    expect(list.status).toBe(200);
    expect(list.body.exercises).toContainEqual(expect.objectContaining({ id: 'refine-the-chatbot-en', version: 1, archived: false }));

    const routes: [string, string, unknown?][] = [
      ['GET', '/api/exercises'],
      ['POST', '/api/exercises', content()],
      ['POST', '/api/exercises/import', {}],
      ['GET', '/api/exercises/refine-the-chatbot-en'],
      ['GET', '/api/exercises/refine-the-chatbot-en/versions/1'],
      ['PUT', '/api/exercises/refine-the-chatbot-en', content()],
      ['POST', '/api/exercises/refine-the-chatbot-en/duplicate', {}],
      ['POST', '/api/exercises/refine-the-chatbot-en/archive', {}],
      ['POST', '/api/exercises/refine-the-chatbot-en/unarchive', {}],
      ['GET', '/api/exercises/refine-the-chatbot-en/export'],
    ];
    for (const [method, path, body] of routes) {
      const none = await api.call(method, path, { auth: 'none', body });
      expect(none.status, `${method} ${path}`).toBe(401);
      expect(errorOf(none).code).toBe('unauthorized');
      expect((await api.call(method, path, { auth: { token: 'forged' }, body })).status, `${method} ${path}`).toBe(401);
      const invite = await api.call(method, path, { auth: { token: candidateToken }, body });
      expect(invite.status, `${method} ${path}`).toBe(403);
      expect(errorOf(invite).code).toBe('forbidden');
      clock.advance(60_000);
    }
  });

  it('creates an exercise, and refuses an invalid one naming the field', async () => {
    const created = await create({ title: 'Summarise tickets' });
    expect(created).toMatchObject({
      slug: expect.any(String),
      version: 1,
      archived: false,
      versions: [{ version: 1, title: 'Summarise tickets' }],
    });
    expect((await api.get(`/api/exercises/${created.slug}`)).body.id).toBe(created.id);

    const missing = await api.post('/api/exercises', { ...content({ slug: freshSlug() }), title: undefined });
    expect(missing.status).toBe(400);
    expect(errorOf(missing)).toMatchObject({ code: 'invalid_payload', message: expect.stringContaining('body/title is required') });
    // …and lists it as a rule a client can say in its own language, under the field.
    expect(errorOf(missing).problems).toEqual([{ path: '/title', rule: 'required', message: 'is required' }]);

    const unknown = await api.post('/api/exercises', { ...content({ slug: freshSlug() }), titel: 'typo' });
    expect(unknown.status).toBe(400);
    expect(errorOf(unknown).message).toContain('body/titel is not a known field');

    const badLimit = await api.post('/api/exercises', content({ slug: freshSlug(), timeLimitMinutes: 0 }));
    expect(badLimit.status).toBe(400);
    expect(errorOf(badLimit).message).toContain('body/timeLimitMinutes');
    expect(errorOf(badLimit).problems).toEqual([
      expect.objectContaining({ path: '/timeLimitMinutes', rule: 'too_small', params: { limit: 1 } }),
    ]);

    const badModel = await api.post(
      '/api/exercises',
      content({ slug: freshSlug(), models: ['openai/gpt-4o'], defaultModel: 'offline/simulator' }),
    );
    expect(badModel.status).toBe(400);
    expect(errorOf(badModel).message).toContain('/defaultModel');
    expect(errorOf(badModel).problems).toEqual([
      expect.objectContaining({ path: '/defaultModel', rule: 'model_not_allowed', params: { models: 'openai/gpt-4o' } }),
    ]);

    const badSlug = await api.post('/api/exercises', content({ slug: 'Not A Slug' }));
    expect(badSlug.status).toBe(400);
    expect(errorOf(badSlug).message).toContain('body/slug');

    const taken = await api.post('/api/exercises', content({ slug: created.slug }));
    expect(taken.status).toBe(409);
    expect(errorOf(taken)).toMatchObject({ code: 'conflict', message: expect.stringContaining(created.slug) });
  });

  it('refuses a pattern the linear-time engine cannot run, naming the construct under the field', async () => {
    const testCases = [
      {
        id: 't1',
        title: 'Price',
        input: 'How much?',
        expectations: [
          { kind: 'contains' as const, value: '€' },
          { kind: 'regex' as const, pattern: '(?=[\\s\\S]*25)(?=[\\s\\S]*35)', flags: 'i' },
        ],
      },
    ];
    const refused = await api.post('/api/exercises', content({ slug: freshSlug(), testCases }));
    expect(refused.status).toBe(400);
    expect(errorOf(refused).code).toBe('invalid_payload');
    expect(errorOf(refused).problems).toEqual([
      {
        path: '/testCases/0/expectations/1/pattern',
        rule: 'unsupported_regex',
        params: { construct: 'lookahead', token: '(?=' },
        message: 'Lookahead `(?=…)` is not supported: patterns run in a linear-time engine; use several checks instead.',
      },
    ]);
    const file = (await api.get('/api/exercises/refine-the-chatbot-en/export')).body;
    const imported = await api.post('/api/exercises/import', { ...file, content: { ...file.content, testCases } });
    expect(errorOf(imported).problems).toEqual([
      expect.objectContaining({ path: '/content/testCases/0/expectations/1/pattern', rule: 'unsupported_regex' }),
    ]);
  });

  it('warns in the library list of stored patterns the engine cannot run, naming the case and the check', async () => {
    // Saved before the rule existed: straight into the store, as an older release could have.
    const { exercises, clock } = server.app.services;
    const cases = [
      {
        id: 'price',
        title: 'Ambiguous price',
        input: 'How much?',
        expectations: [
          { kind: 'max_length' as const, chars: 400 },
          { kind: 'regex' as const, pattern: 'which plan|(?=.*25)(?=.*35)', flags: 'i' },
        ],
      },
      { id: 'echo', title: 'Repeated word', input: 'Say it twice', expectations: [{ kind: 'regex' as const, pattern: '(\\w+) \\1' }] },
    ];
    exercises.save('stored-before', content({ slug: freshSlug(), title: 'Stored before', testCases: cases }), clock.now());

    const list = (await api.get('/api/exercises')).body.exercises as { id: string; patternWarnings: unknown[] }[];
    expect(list.find((e) => e.id === 'stored-before')?.patternWarnings).toEqual([
      {
        testCaseId: 'price',
        testCaseTitle: 'Ambiguous price',
        expectation: 1,
        pattern: 'which plan|(?=.*25)(?=.*35)',
        problem: {
          path: '/testCases/0/expectations/1/pattern',
          rule: 'unsupported_regex',
          params: { construct: 'lookahead', token: '(?=' },
          message: expect.stringContaining('Lookahead'),
        },
      },
      {
        testCaseId: 'echo',
        testCaseTitle: 'Repeated word',
        expectation: 0,
        pattern: '(\\w+) \\1',
        problem: {
          path: '/testCases/1/expectations/0/pattern',
          rule: 'unsupported_regex',
          params: { construct: 'backreference', token: '\\1' },
          message: expect.stringContaining('Backreference'),
        },
      },
    ]);
    // The built-ins have none.
    for (const exercise of list.filter((e) => e.id !== 'stored-before')) expect(exercise.patternWarnings, exercise.id).toEqual([]);
  });

  it('versions on edit: a session keeps the snapshot it ran, and every version stays readable', async () => {
    const created = await create({ title: 'Version one', brief: 'Brief v1' });
    const session = await server.createSession({ exercise: created.id });

    const edited = await api.put(`/api/exercises/${created.id}`, content({ slug: created.slug, title: 'Version two', brief: 'Brief v2' }));
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({
      version: 2,
      title: 'Version two',
      versions: [
        { version: 1, title: 'Version one' },
        { version: 2, title: 'Version two' },
      ],
    });

    const v1 = await api.get(`/api/exercises/${created.id}/versions/1`);
    expect(v1.status).toBe(200);
    expect(v1.body).toMatchObject({ id: created.id, version: 1, content: { brief: 'Brief v1' } });
    expect((await api.get(`/api/exercises/${created.id}/versions/2`)).body.content.brief).toBe('Brief v2');
    expect((await api.get(`/api/exercises/${created.id}/versions/3`)).status).toBe(404);
    expect((await api.get(`/api/exercises/${created.id}/versions/zero`)).status).toBe(400);

    // The old session still runs version 1, as its log and its summary say.
    const client = await connectLive(server.wsUrl, session.id, { token: session.invites.candidate.token });
    await client.hello();
    const state = await client.waitFor((c) => (c.state().exercise ? c.state() : undefined));
    expect(state.exercise).toMatchObject({ version: 1, brief: 'Brief v1', title: 'Version one' });
    await client.close();
    expect((await api.get(`/api/sessions/${session.id}`)).body).toMatchObject({ exerciseVersion: 1 });
    // A new session runs version 2.
    const later = await server.createSession({ exercise: created.slug });
    expect((await api.get(`/api/sessions/${later.id}`)).body).toMatchObject({ exerciseVersion: 2 });

    const invalid = await api.put(`/api/exercises/${created.id}`, {
      ...content({ slug: created.slug }),
      budget: { maxTokens: -1, maxCostUsd: null },
    });
    expect(invalid.status).toBe(400);
    expect(errorOf(invalid).message).toContain('body/budget/maxTokens');
    const other = await create();
    const clash = await api.put(`/api/exercises/${created.id}`, content({ slug: other.slug }));
    expect(clash.status).toBe(409);
    expect((await api.put('/api/exercises/no-such-exercise', content({ slug: freshSlug() }))).status).toBe(404);
  });

  it('duplicates, archives and unarchives', async () => {
    const created = await create({ title: 'Original' });
    const copy = await api.post(`/api/exercises/${created.id}/duplicate`);
    expect(copy.status).toBe(201);
    expect(copy.body).toMatchObject({ slug: `${created.slug}-copy`, title: 'Original (copy)', version: 1 });
    expect(copy.body.id).not.toBe(created.id);
    const again = await api.post(`/api/exercises/${created.id}/duplicate`);
    expect(again.body.slug).toBe(`${created.slug}-copy-2`);

    const archived = await api.post(`/api/exercises/${created.id}/archive`);
    expect(archived.status).toBe(200);
    expect(archived.body).toMatchObject({ id: created.id, archived: true });
    const ids = async (query = '') => (await api.get(`/api/exercises${query}`)).body.exercises.map((e: { id: string }) => e.id);
    expect(await ids()).not.toContain(created.id);
    expect(await ids('?archived=true')).toContain(created.id);
    const refused = await api.post('/api/sessions', { exercise: created.id });
    expect(refused.status).toBe(409);
    expect(errorOf(refused).code).toBe('conflict');

    expect((await api.post(`/api/exercises/${created.id}/unarchive`)).body.archived).toBe(false);
    expect(await ids()).toContain(created.id);
    for (const action of ['duplicate', 'archive', 'unarchive']) {
      expect((await api.post(`/api/exercises/no-such-exercise/${action}`)).status).toBe(404);
    }
    expect((await api.get('/api/exercises/no-such-exercise')).status).toBe(404);
    expect(await auditActions()).toEqual(
      expect.arrayContaining(['exercise.create', 'exercise.duplicate', 'exercise.archive', 'exercise.unarchive']),
    );
  });

  it('round-trips export and import: equal content, a new id and a free slug', async () => {
    const created = await create({ title: 'Round trip', rubric: base.rubric, questions: base.questions });
    const exported = await api.get(`/api/exercises/${created.id}/export`);
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-disposition')).toMatch(/^attachment; filename=".+\.json"$/);
    expect(exported.body).toMatchObject({ format: 'atelier-exercise', formatVersion: 1, source: { id: created.id, version: 1 } });
    expect(exported.body.content).toEqual(created.content);

    const imported = await api.post('/api/exercises/import', exported.body);
    expect(imported.status).toBe(201);
    expect(imported.body.id).not.toBe(created.id);
    expect(imported.body.slug).toBe(`${created.slug}-2`);
    expect(imported.body.slugChanged).toBe(true);
    expect({ ...imported.body.content, slug: created.slug }).toEqual(created.content);
    expect((await api.get('/api/exercises/no-such-exercise/export')).status).toBe(404);
    expect(await auditActions()).toEqual(expect.arrayContaining(['exercise.export', 'exercise.import']));
  });

  it('refuses invalid exercise files with clear errors: format, version, each invalid field with its path', async () => {
    const file = (await api.get('/api/exercises/refine-the-chatbot-en/export')).body;
    const wrongFormat = await api.post('/api/exercises/import', { ...file, format: 'something-else' });
    expect(wrongFormat.status).toBe(400);
    expect(errorOf(wrongFormat).message).toMatch(/not an Atelier exercise file/);

    const wrongVersion = await api.post('/api/exercises/import', { ...file, formatVersion: 2 });
    expect(wrongVersion.status).toBe(400);
    expect(errorOf(wrongVersion).message).toMatch(/Unsupported exercise file version 2/);

    expect(errorOf(await api.post('/api/exercises/import', [1, 2])).message).toMatch(/JSON object/);

    const broken = { ...file, content: { ...file.content, title: '', timeLimitMinutes: 'sixty', extra: true, rubric: [{ id: 'x' }] } };
    delete broken.content.brief;
    const invalid = await api.post('/api/exercises/import', broken);
    expect(invalid.status).toBe(400);
    const message = errorOf(invalid).message;
    for (const path of [
      '/content/title',
      '/content/timeLimitMinutes',
      '/content/extra: is not a known field',
      '/content/brief: is required',
      '/content/rubric/0/title: is required',
    ]) {
      expect(message).toContain(path);
    }
    expect(errorOf(invalid).problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: '/content/title', rule: 'too_short', params: { limit: 1 } }),
        expect.objectContaining({ path: '/content/timeLimitMinutes', rule: 'type' }),
        { path: '/content/extra', rule: 'unknown_field', message: 'is not a known field' },
        { path: '/content/brief', rule: 'required', message: 'is required' },
        { path: '/content/rubric/0/title', rule: 'required', message: 'is required' },
      ]),
    );

    const duplicateIds = {
      ...file,
      content: {
        ...file.content,
        questions: [
          { id: 'q', text: 'One' },
          { id: 'q', text: 'Two' },
        ],
      },
    };
    const duplicate = errorOf(await api.post('/api/exercises/import', duplicateIds));
    expect(duplicate.message).toContain('/content/questions/1/id');
    expect(duplicate.problems).toEqual([expect.objectContaining({ path: '/content/questions/1/id', rule: 'duplicate_id' })]);
    const notJson = await api.call('POST', '/api/exercises/import', { raw: '{ not json' });
    expect(notJson.status).toBe(400);
  });
});

describe('exercise bodies', () => {
  it('keep null budgets as sent (no limit), not coerced to zero', async () => {
    const created = await create({ budget: { maxTokens: null, maxCostUsd: null } });
    expect(created.content.budget).toEqual({ maxTokens: null, maxCostUsd: null });
    const edited = await api.put(
      `/api/exercises/${created.id}`,
      content({ slug: created.slug, budget: { maxTokens: 1000, maxCostUsd: null } }),
    );
    expect(edited.body.content.budget).toEqual({ maxTokens: 1000, maxCostUsd: null });
    const stringly = await api.put(`/api/exercises/${created.id}`, { ...content({ slug: created.slug }), timeLimitMinutes: '30' });
    expect(stringly.status).toBe(400);
    expect(errorOf(stringly).message).toContain('body/timeLimitMinutes');
  });
});
