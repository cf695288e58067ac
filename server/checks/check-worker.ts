import { parentPort } from 'node:worker_threads';
import { checkExpectations, type Expectation } from '../../shared/expectations';

// The thread that checks answers against test cases (see check-pool.ts): whatever a
// candidate's pattern costs, it costs here, never on the event loop that serves the sessions.

export interface CheckJob {
  id: number;
  text: string;
  expectations: Expectation[];
}

parentPort!.on('message', (job: CheckJob) => {
  parentPort!.postMessage({ id: job.id, result: checkExpectations(job.text, job.expectations) });
});
// Loaded: the pool starts a job's deadline only from here, so starting a thread costs no job its time.
parentPort!.postMessage({ ready: true });
