import { describe, expect, it } from 'vitest';
import { ownLocalExamples, runExample } from './run-example.js';

// Examples that stop and restart a DynamoDB Local of their own, one after another.
describe('examples with DynamoDB Locals of their own', () => {
  it('there is at least one (the global-tables example)', () => {
    expect(ownLocalExamples).toContain('global-tables.ts');
  });
  it.each(ownLocalExamples)('%s runs and its checks pass', runExample, 300_000);
});
