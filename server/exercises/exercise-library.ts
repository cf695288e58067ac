import { AtelierError } from '../../shared/errors';
import type { ExerciseContent } from '../../shared/exercise';
import type { AuditActor, AuditStore } from '../db/audit-store';
import type { ExerciseRow, ExerciseStore, ExerciseVersion } from '../db/exercise-store';
import { newId } from '../ids';
import { readExerciseFile, toExerciseFile, type ExerciseFile } from './exercise-file';
import { describeProblems } from '../../shared/problems';
import { assertValidExercise, patternWarnings, schemasOf, type PatternWarning } from './validate-exercise';

// The exercise library as the admin uses it. Every change is a new version (sessions keep
// the one they ran) and an audit entry. Slugs are unique: an edit that takes another's slug is
// refused; a duplicate or an import gets a free one.

/** Why each JSON Schema cannot be used (null where it can); compiled off the event loop. */
export type SchemaChecker = (schemas: readonly unknown[]) => Promise<(string | null)[]>;

export class ExerciseLibrary {
  constructor(
    private readonly store: ExerciseStore,
    private readonly audit: AuditStore,
    private readonly now: () => number,
    private readonly schemaIssues: SchemaChecker,
  ) {}

  /** Refuses, naming each field, the JSON Schemas of the content that do not compile. */
  private async assertSchemas(content: ExerciseContent, prefix = ''): Promise<void> {
    const schemas = schemasOf(content, prefix);
    if (schemas.length === 0) return;
    const issues = await this.schemaIssues(schemas.map((s) => s.schema));
    const problems = schemas.flatMap(({ path }, i) => {
      const issue = issues[i];
      return issue ? [{ path, rule: 'invalid_json_schema' as const, params: { error: issue }, message: issue }] : [];
    });
    if (problems.length > 0) throw new AtelierError('invalid_payload', `Invalid exercise: ${describeProblems(problems)}.`, problems);
  }

  /** The exercise's library row, by id or slug, or 404. */
  row(idOrSlug: string): ExerciseRow {
    const row = this.store.row(idOrSlug);
    if (!row) throw new AtelierError('not_found', `No exercise "${idOrSlug}".`);
    return row;
  }

  version(idOrSlug: string, version: number): ExerciseVersion {
    const row = this.row(idOrSlug);
    const found = this.store.version(row.id, version);
    if (!found) throw new AtelierError('not_found', `Exercise "${idOrSlug}" has no version ${version} (current: ${row.currentVersion}).`);
    return found;
  }

  /** The current version's patterns that the linear-time engine cannot run: saved before that was a rule. */
  patternWarnings(idOrSlug: string): PatternWarning[] {
    const current = this.store.current(idOrSlug);
    return current ? patternWarnings(current.content) : [];
  }

  async create(content: ExerciseContent, actor: AuditActor): Promise<ExerciseVersion> {
    assertValidExercise(content);
    await this.assertSchemas(content);
    if (this.store.slugTaken(content.slug)) throw new AtelierError('conflict', `The slug "${content.slug}" is taken by another exercise.`);
    const saved = this.store.save(newId(), content, this.now());
    this.audit.record({
      actor,
      action: 'exercise.create',
      target: exerciseTarget(saved.id),
      details: { version: 1, slug: content.slug },
    });
    return saved;
  }

  async update(idOrSlug: string, content: ExerciseContent, actor: AuditActor): Promise<ExerciseVersion> {
    const row = this.row(idOrSlug);
    assertValidExercise(content);
    await this.assertSchemas(content);
    if (this.store.slugTaken(content.slug, row.id))
      throw new AtelierError('conflict', `The slug "${content.slug}" is taken by another exercise.`);
    const saved = this.store.save(row.id, content, this.now());
    this.audit.record({ actor, action: 'exercise.update', target: exerciseTarget(row.id), details: { version: saved.version } });
    return saved;
  }

  duplicate(idOrSlug: string, actor: AuditActor): ExerciseVersion {
    const source = this.version(idOrSlug, this.row(idOrSlug).currentVersion);
    const content = {
      ...source.content,
      slug: this.freeSlug(`${source.content.slug}-copy`),
      title: `${source.content.title} (copy)`.slice(0, 200),
    };
    const saved = this.store.save(newId(), content, this.now());
    this.audit.record({
      actor,
      action: 'exercise.duplicate',
      target: exerciseTarget(saved.id),
      details: { from: source.id, fromVersion: source.version },
    });
    return saved;
  }

  setArchived(idOrSlug: string, archived: boolean, actor: AuditActor): ExerciseRow {
    const row = this.row(idOrSlug);
    this.store.setArchived(row.id, archived, this.now());
    this.audit.record({ actor, action: archived ? 'exercise.archive' : 'exercise.unarchive', target: exerciseTarget(row.id) });
    return this.row(row.id);
  }

  export(idOrSlug: string, actor: AuditActor): ExerciseFile {
    const row = this.row(idOrSlug);
    const current = this.version(row.id, row.currentVersion);
    this.audit.record({ actor, action: 'exercise.export', target: exerciseTarget(row.id), details: { version: current.version } });
    return toExerciseFile({ id: row.id, version: current.version }, current.content, this.now());
  }

  /** Imports a file as a new exercise; a slug already in use gets a suffix. */
  async import(file: unknown, actor: AuditActor): Promise<{ exercise: ExerciseVersion; slugChanged: boolean }> {
    const content = readExerciseFile(file);
    await this.assertSchemas(content, '/content');
    const slug = this.freeSlug(content.slug);
    const saved = this.store.save(newId(), { ...content, slug }, this.now());
    this.audit.record({
      actor,
      action: 'exercise.import',
      target: exerciseTarget(saved.id),
      details: { slug, slugChanged: slug !== content.slug },
    });
    return { exercise: saved, slugChanged: slug !== content.slug };
  }

  private freeSlug(wanted: string): string {
    const base = wanted.slice(0, 70);
    if (!this.store.slugTaken(base)) return base;
    for (let n = 2; ; n++) {
      const candidate = `${base}-${n}`;
      if (!this.store.slugTaken(candidate)) return candidate;
    }
  }
}

const exerciseTarget = (id: string) => ({ type: 'exercise', id });
