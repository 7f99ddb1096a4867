import { describe, expect, it } from 'vitest';
import { examples, ownLocalExamples, runExample, sharedExamples } from './run-example.js';

// The examples on the shared instance run concurrently; the ones with a DynamoDB Local of their own
// are in examples-own-local.test.ts, a file of its own, so they run beside these in another worker.
describe('examples', () => {
  it('includes the demo and the quickstart, and every example runs in one of the two files', () => {
    expect(examples).toEqual(expect.arrayContaining(['demo.ts', 'quickstart.ts']));
    expect([...sharedExamples, ...ownLocalExamples].sort()).toEqual([...examples].sort());
  });
});

describe('examples on the shared DynamoDB Local', () => {
  it.concurrent.each(sharedExamples)('%s runs and its checks pass', runExample, 300_000);
});
