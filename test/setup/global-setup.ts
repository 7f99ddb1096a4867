import type { TestProject } from 'vitest/node';
import { startDynamoDBLocal, type DynamoDBLocal } from '../../src/testing/index.js';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
  }
}

let local: DynamoDBLocal | undefined;

/** One DynamoDB Local for the whole run; test files isolate themselves by access key. */
export async function setup(project: TestProject): Promise<void> {
  local = await startDynamoDBLocal();
  project.provide('dynamoEndpoint', local.endpoint);
}

export async function teardown(): Promise<void> {
  await local?.stop();
}
