import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { sdkTransport, type OperationName, type Transport } from '../../src/index.js';

/**
 * The real SDK transport, counting what it sends. Lets tests prove that bad
 * input fails before any request. Not a double: every request reaches Local.
 */
export function countingTransport(client: DynamoDBClient): Transport & { sent: OperationName[] } {
  const inner = sdkTransport(client);
  const sent: OperationName[] = [];
  return {
    sent,
    send(operation, input, options) {
      sent.push(operation);
      return inner.send(operation, input, options);
    },
  };
}
