import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openObjects } from '../helpers/open-objects';
import { startTestServer, type TestServer } from '../helpers/server';

// Every REST request body is closed at every depth, as the OpenAPI document publishes it, but
// for the one object a published contract keeps open: Greenhouse's send_test `candidate`
// ("we reserve the right to add more properties to objects"; shared/api/greenhouse.ts). Its
// known fields are still checked and the rest is ignored (tests/server/integrations/greenhouse.test.ts).
const OPEN_BY_CONTRACT = ['POST /api/integrations/greenhouse/send_test #/properties/candidate'];

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server.close());

describe('request bodies', () => {
  it('close every object at every depth, on every route', async () => {
    const doc = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema: unknown }> } }>>;
    };
    const open: string[] = [];
    let bodies = 0;
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        for (const media of Object.values(operation.requestBody?.content ?? {})) {
          bodies++;
          open.push(...openObjects(media.schema).map((at) => `${method.toUpperCase()} ${path} ${at}`));
        }
      }
    }
    expect(bodies).toBeGreaterThanOrEqual(10);
    expect(open).toEqual(OPEN_BY_CONTRACT);
  });
});
