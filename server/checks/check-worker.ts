import { parentPort } from 'node:worker_threads';
import { checkExpectations, type Expectation } from '../../shared/expectations';
import { checkJsonSchema, schemaIssue } from './json-schema';

// The thread that checks answers against test cases (see check-pool.ts): whatever a
// candidate's pattern or JSON Schema costs, it costs here, never on the event loop that
// serves the sessions.

export interface CheckJob {
  id: number;
  kind: 'check';
  text: string;
  expectations: Expectation[];
}

/** Are these JSON Schemas usable? Compiled here, like the checks that use them. */
export interface SchemaJob {
  id: number;
  kind: 'schemas';
  schemas: unknown[];
}

export type WorkerJob = CheckJob | SchemaJob;

parentPort!.on('message', (job: WorkerJob) => {
  const result =
    job.kind === 'schemas' ? job.schemas.map(schemaIssue) : checkExpectations(job.text, job.expectations, { jsonSchema: checkJsonSchema });
  parentPort!.postMessage({ id: job.id, result });
});
// Loaded: the pool starts a job's deadline only from here, so starting a thread costs no job its time.
parentPort!.postMessage({ ready: true });
