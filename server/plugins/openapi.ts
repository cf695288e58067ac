import swagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';

/** Every route's schema becomes the OpenAPI document at /api/openapi.json. */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Atelier API',
        version: '0.1.0',
        description: 'REST API of Atelier. The live channel is a WebSocket; its frames are described in docs/protocol.md.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'The admin token, or an invite token for session routes' },
          greenhouseBasic: {
            type: 'http',
            scheme: 'basic',
            description: 'Greenhouse partner routes: an API key Atelier issued as the username, an empty password',
          },
        },
      },
    },
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
