import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { sdkTransport, type Transport } from '../../src/index.js';

/**
 * The real SDK transport against Local, minus what DAX cannot give: the
 * stored `Item` of a failed condition (also inside transaction cancellation
 * reasons), declared through `capabilities`. Not a double: every request
 * reaches Local; only the item is dropped from the error.
 */
export function itemlessTransport(client: DynamoDBClient): Transport {
  const inner = sdkTransport(client);
  return {
    capabilities: { returnsItemOnConditionFailure: false },
    async send(operation, input, options) {
      try {
        return await inner.send(operation, input, options);
      } catch (error) {
        const e = error as { Item?: unknown; CancellationReasons?: { Item?: unknown }[] };
        if (e && typeof e === 'object') {
          delete e.Item;
          for (const reason of e.CancellationReasons ?? []) delete reason.Item;
        }
        throw error;
      }
    },
  };
}
