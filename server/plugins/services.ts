import type { FastifyInstance } from 'fastify';
import type { Services } from '../services';

declare module 'fastify' {
  interface FastifyInstance {
    services: Services;
  }
}

/** Hands the services to routes and closes them with the app: rooms first (answers are recorded), then the database. */
export function registerServices(app: FastifyInstance, services: Services): void {
  app.decorate('services', services);
  app.addHook('preClose', async () => {
    await services.rooms.closeAll();
  });
  app.addHook('onClose', async () => {
    services.mailer.close();
    await services.checks.close();
    await services.database.close();
  });
}
