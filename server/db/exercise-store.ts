import { and, asc, eq, ne, or } from 'drizzle-orm';
import type { ExerciseVersion, ExerciseVersionInfo } from '../../shared/api/exercises';
import type { ExerciseContent } from '../../shared/exercise';
import type { Transaction } from './database';
import { exerciseVersions, exercises } from './schema';
import type { Db, SqliteDatabase } from './sqlite';

export type ExerciseRow = typeof exercises.$inferSelect;

export type { ExerciseVersion };

/** The exercise library: `exercises` and every saved version of each in `exercise_versions`. */
export interface ExerciseStore {
  list(options?: { includeArchived?: boolean }): ExerciseRow[];
  /** The library row of the exercise with this id or slug. */
  row(idOrSlug: string): ExerciseRow | undefined;
  /** The current version of the exercise with this id or slug. */
  current(idOrSlug: string): ExerciseVersion | undefined;
  version(id: string, version: number): ExerciseVersion | undefined;
  versions(id: string): ExerciseVersionInfo[];
  /** Whether another exercise already uses this slug (or has it as its id, which `row` also matches). */
  slugTaken(slug: string, exceptId?: string): boolean;
  setArchived(id: string, archived: boolean, now: number, tx?: Transaction): void;
  /** Creates the exercise, or saves a new version, in one transaction (the caller's, if given). */
  save(id: string, content: ExerciseContent, now: number, tx?: Transaction): ExerciseVersion;
}

export class SqliteExerciseStore implements ExerciseStore {
  private readonly db: Db;

  constructor(private readonly database: SqliteDatabase) {
    this.db = database.db;
  }

  list(options: { includeArchived?: boolean } = {}): ExerciseRow[] {
    return this.db
      .select()
      .from(exercises)
      .where(options.includeArchived ? undefined : eq(exercises.archived, false))
      .orderBy(asc(exercises.title))
      .all();
  }

  row(idOrSlug: string): ExerciseRow | undefined {
    return this.db
      .select()
      .from(exercises)
      .where(or(eq(exercises.id, idOrSlug), eq(exercises.slug, idOrSlug)))
      .get();
  }

  current(idOrSlug: string): ExerciseVersion | undefined {
    const row = this.row(idOrSlug);
    return row ? this.version(row.id, row.currentVersion) : undefined;
  }

  version(id: string, version: number): ExerciseVersion | undefined {
    const row = this.db
      .select()
      .from(exerciseVersions)
      .where(and(eq(exerciseVersions.exerciseId, id), eq(exerciseVersions.version, version)))
      .get();
    return row ? { id, version, content: row.content } : undefined;
  }

  versions(id: string): ExerciseVersionInfo[] {
    return this.db
      .select({ version: exerciseVersions.version, content: exerciseVersions.content, createdAt: exerciseVersions.createdAt })
      .from(exerciseVersions)
      .where(eq(exerciseVersions.exerciseId, id))
      .orderBy(asc(exerciseVersions.version))
      .all()
      .map((row) => ({ version: row.version, title: row.content.title, createdAt: row.createdAt }));
  }

  slugTaken(slug: string, exceptId?: string): boolean {
    const clash = this.db
      .select({ id: exercises.id })
      .from(exercises)
      .where(and(or(eq(exercises.slug, slug), eq(exercises.id, slug)), exceptId ? ne(exercises.id, exceptId) : undefined))
      .get();
    return clash !== undefined;
  }

  setArchived(id: string, archived: boolean, now: number, tx?: Transaction): void {
    this.database.on(tx).update(exercises).set({ archived, updatedAt: now }).where(eq(exercises.id, id)).run();
  }

  save(id: string, content: ExerciseContent, now: number, tx?: Transaction): ExerciseVersion {
    return this.database.atomically(tx, () => {
      const existing = this.db.select().from(exercises).where(eq(exercises.id, id)).get();
      const version = existing ? existing.currentVersion + 1 : 1;
      if (existing) {
        this.db
          .update(exercises)
          .set({ slug: content.slug, title: content.title, language: content.language, currentVersion: version, updatedAt: now })
          .where(eq(exercises.id, id))
          .run();
      } else {
        this.db
          .insert(exercises)
          .values({
            id,
            slug: content.slug,
            title: content.title,
            language: content.language,
            currentVersion: 1,
            createdAt: now,
            updatedAt: now,
          })
          .run();
      }
      this.db.insert(exerciseVersions).values({ exerciseId: id, version, content, createdAt: now }).run();
      return { id, version, content };
    });
  }
}
