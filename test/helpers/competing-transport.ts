import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { sdkTransport, type OperationName, type Transport } from '../../src/index.js';

/**
 * The real SDK transport, which runs a competing write (`compete`, sent by
 * the caller through another table object) just before forwarding the next
 * `times` requests of `operation`: a deterministic race between a read and
 * the write that depends on it. Not a double: every request reaches Local.
 */
export function competingTransport(
  client: DynamoDBClient,
  operation: OperationName,
  compete: () => Promise<unknown>,
  times = 1,
): Transport & { sent: OperationName[] } {
  const inner = sdkTransport(client);
  const sent: OperationName[] = [];
  let left = times;
  return {
    sent,
    async send(op, input, options) {
      sent.push(op);
      if (op === operation && left > 0) {
        left--;
        await compete();
      }
      return inner.send(op, input, options);
    },
  };
}
