import type { AppConfig } from './config';
import type { Clock } from './clock';
import { Access } from './auth/access';
import { openDatabase, type DatabaseHandle } from './db/database';
import { EventStore } from './db/event-store';
import { ExerciseStore } from './db/exercise-store';
import { InviteStore } from './db/invite-store';
import { SessionStore } from './db/session-store';
import { seedExercises } from './exercises/seed';
import { SessionRooms } from './rooms/session-rooms';
import type { ModelCatalog } from './turns/model-catalog';

// The app's services, built once in dependency order. Routes read them from `app.services`.

export interface Services {
  config: AppConfig;
  clock: Clock;
  database: DatabaseHandle;
  events: EventStore;
  sessions: SessionStore;
  invites: InviteStore;
  exercises: ExerciseStore;
  access: Access;
  rooms: SessionRooms;
  models: ModelCatalog;
}

export function createServices(config: AppConfig, clock: Clock, adminToken: string, models: ModelCatalog): Services {
  const database = openDatabase(config.databaseFile);
  const events = new EventStore(database.sqlite);
  const sessions = new SessionStore(database.db);
  const invites = new InviteStore(database.db);
  const exercises = new ExerciseStore(database.db);
  seedExercises(exercises, clock.now());
  const access = new Access(invites, adminToken, clock);
  const rooms = new SessionRooms({ events, sessions, clock, models, limits: config.limits, coalescing: config.coalescing });
  return { config, clock, database, events, sessions, invites, exercises, access, rooms, models };
}
