import { duplicateExercise, exerciseExportPath, importExercise, listLibrary, setExerciseArchived } from '../api/admin-endpoints';
import type { ExerciseDetail, ExerciseListItem, ExerciseSummary } from '$shared/api/exercises';
import { downloadJson } from '../api/download';
import { AdminPageState } from './page-state.svelte';

// The exercise library page: the list, archiving, duplicating, export and import.

export type ImportOutcome =
  { kind: 'imported'; exercise: ExerciseDetail; slugChanged: boolean } | { kind: 'unreadable' } | { kind: 'failed' };

export class ExerciseLibrary extends AdminPageState {
  exercises: ExerciseListItem[] = $state.raw([]);
  includeArchived = $state(false);
  loaded = $state(false);

  load(): Promise<boolean> {
    return this.run(async () => {
      this.exercises = await listLibrary(this.includeArchived);
      this.loaded = true;
    });
  }

  async setArchived(id: string, archived: boolean): Promise<void> {
    if (await this.run(() => setExerciseArchived(id, archived).then(() => undefined))) await this.load();
  }

  async duplicate(id: string): Promise<ExerciseDetail | null> {
    let copy: ExerciseDetail | null = null;
    await this.run(async () => {
      copy = await duplicateExercise(id);
    });
    return copy;
  }

  exportFile(exercise: ExerciseSummary): Promise<boolean> {
    return this.run(() => downloadJson(exerciseExportPath(exercise.id), `${exercise.slug}.atelier-exercise.json`));
  }

  /** Reads a picked file and imports it; a file that is not JSON never reaches the server. */
  async importFile(file: File): Promise<ImportOutcome> {
    let parsed: unknown;
    try {
      parsed = JSON.parse(await file.text());
    } catch {
      return { kind: 'unreadable' };
    }
    let outcome: ImportOutcome = { kind: 'failed' };
    const ok = await this.run(async () => {
      const { slugChanged, ...exercise } = await importExercise(parsed);
      outcome = { kind: 'imported', exercise, slugChanged };
    });
    if (ok) await this.load();
    return outcome;
  }
}
