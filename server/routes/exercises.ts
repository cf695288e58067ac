import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  EXERCISE_FILE_FORMAT,
  EXERCISE_FILE_VERSION,
  ExerciseDetail,
  ExerciseFile,
  ExerciseFileUpload,
  ExerciseList,
  ExerciseListQuery,
  ExerciseParams,
  ExerciseSummary,
  ExerciseVersion,
  ExerciseVersionParams,
  ImportedExercise,
} from '../../shared/api/exercises';
import { ExerciseContent } from '../../shared/exercise';
import type { ExerciseRow } from '../db/exercise-store';
import { namedFieldErrors } from './field-errors';
import { strictValidatorCompiler } from './strict-validator';
import { errors } from './error-responses';

// The exercise library (admin only). Thin: the library service validates, versions and audits.

const summaryOf = (row: ExerciseRow): ExerciseSummary => ({
  id: row.id,
  slug: row.slug,
  title: row.title,
  language: row.language,
  version: row.currentVersion,
  archived: row.archived,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});

export async function exerciseRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.setSchemaErrorFormatter(namedFieldErrors);
  // Exercises carry nullable budgets, which Ajv's coercion would turn into zeros.
  app.setValidatorCompiler(strictValidatorCompiler);
  // Admin only: the caller is checked before the request is validated, so 401/403 come first.
  app.addHook('onRequest', async (request) => app.services.access.requireAdmin(request));
  const { exercises, library, access } = app.services;
  const detailOf = (idOrSlug: string) => {
    const row = library.row(idOrSlug);
    return { ...summaryOf(row), content: library.version(row.id, row.currentVersion).content, versions: exercises.versions(row.id) };
  };
  const security = [{ bearer: [] }];

  app.get(
    '/api/exercises',
    {
      schema: {
        tags: ['exercises'],
        summary: 'The exercise library (current versions; archived ones only with ?archived=true)',
        security,
        querystring: ExerciseListQuery,
        response: { 200: ExerciseList, ...errors(400, 401, 403) },
      },
    },
    async (request) => {
      const rows = exercises.list({ includeArchived: request.query.archived === true });
      return { exercises: rows.map((row) => ({ ...summaryOf(row), patternWarnings: library.patternWarnings(row.id) })) };
    },
  );

  app.post(
    '/api/exercises',
    {
      schema: {
        tags: ['exercises'],
        summary: 'Create an exercise (version 1)',
        security,
        body: ExerciseContent,
        response: { 201: ExerciseDetail, ...errors(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      const saved = await library.create(request.body, access.requireAdmin(request));
      return reply.status(201).send(detailOf(saved.id));
    },
  );

  app.post(
    '/api/exercises/import',
    {
      schema: {
        tags: ['exercises'],
        summary: 'Import an exercise file as a new exercise (a slug in use gets a suffix)',
        description: `The body is a file written by the export: {"format":"${EXERCISE_FILE_FORMAT}","formatVersion":${EXERCISE_FILE_VERSION},"content":{…}}. Every invalid field is named with its path.`,
        security,
        body: ExerciseFileUpload,
        response: { 201: ImportedExercise, ...errors(400, 401, 403, 413) },
      },
    },
    async (request, reply) => {
      const { exercise, slugChanged } = await library.import(request.body, access.requireAdmin(request));
      return reply.status(201).send({ ...detailOf(exercise.id), slugChanged });
    },
  );

  app.get(
    '/api/exercises/:id',
    {
      schema: {
        tags: ['exercises'],
        summary: 'An exercise: its current version, content and the list of its versions',
        security,
        params: ExerciseParams,
        response: { 200: ExerciseDetail, ...errors(401, 403, 404) },
      },
    },
    async (request) => {
      return detailOf(request.params.id);
    },
  );

  app.get(
    '/api/exercises/:id/versions/:version',
    {
      schema: {
        tags: ['exercises'],
        summary: 'One saved version of an exercise (what the sessions on it ran)',
        security,
        params: ExerciseVersionParams,
        response: { 200: ExerciseVersion, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      return library.version(request.params.id, request.params.version);
    },
  );

  app.put(
    '/api/exercises/:id',
    {
      schema: {
        tags: ['exercises'],
        summary: 'Save a new version of an exercise; sessions keep the version they ran',
        security,
        params: ExerciseParams,
        body: ExerciseContent,
        response: { 200: ExerciseDetail, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const saved = await library.update(request.params.id, request.body, access.requireAdmin(request));
      return detailOf(saved.id);
    },
  );

  app.post(
    '/api/exercises/:id/duplicate',
    {
      schema: {
        tags: ['exercises'],
        summary: 'Copy the current version into a new exercise (slug `<slug>-copy`)',
        security,
        params: ExerciseParams,
        response: { 201: ExerciseDetail, ...errors(401, 403, 404) },
      },
    },
    async (request, reply) => {
      return reply.status(201).send(detailOf(library.duplicate(request.params.id, access.requireAdmin(request)).id));
    },
  );

  for (const archived of [true, false]) {
    app.post(
      `/api/exercises/:id/${archived ? 'archive' : 'unarchive'}`,
      {
        schema: {
          tags: ['exercises'],
          summary: archived ? 'Archive an exercise: hidden from the library, no new sessions' : 'Bring an archived exercise back',
          security,
          params: ExerciseParams,
          response: { 200: ExerciseSummary, ...errors(401, 403, 404) },
        },
      },
      async (request) => {
        return summaryOf(library.setArchived(request.params.id, archived, access.requireAdmin(request)));
      },
    );
  }

  app.get(
    '/api/exercises/:id/export',
    {
      schema: {
        tags: ['exercises'],
        summary: 'Download the current version as an exercise file',
        security,
        params: ExerciseParams,
        response: { 200: ExerciseFile, ...errors(401, 403, 404) },
      },
    },
    async (request, reply) => {
      const file = library.export(request.params.id, access.requireAdmin(request));
      reply.header('content-disposition', `attachment; filename="${file.content.slug}.atelier-exercise.json"`);
      return file;
    },
  );
}
