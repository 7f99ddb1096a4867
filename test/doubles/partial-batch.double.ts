import {
  ProvisionedThroughputExceededException,
  ThrottlingException,
  type BatchGetItemCommandInput,
  type BatchGetItemCommandOutput,
  type BatchWriteItemCommandInput,
  type BatchWriteItemCommandOutput,
  type DynamoDBClient,
  type KeysAndAttributes,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import { seededRandom } from '../../src/testing/fault-proxy/seeded-random.js';

/**
 * TEST DOUBLE (DynamoDB Local never returns UnprocessedItems or throttles).
 *
 * An SDK middleware, added to a test's own client, that makes DynamoDB's
 * documented partial results happen (API_BatchWriteItem / API_BatchGetItem):
 * - each BatchWriteItem request: a random share of its put/delete requests is
 *   moved into `UnprocessedItems` WITHOUT being applied; only the rest is
 *   forwarded to DynamoDB Local;
 * - each BatchGetItem request: the same for keys, into `UnprocessedKeys`;
 * - if nothing at all would be processed, the call throws
 *   `ProvisionedThroughputExceededException` instead (as AWS does when no
 *   item could be processed because of throughput);
 * - `injectErrors` makes the next calls fail with throttling errors.
 * It runs at the initialize step, before the SDK's retry middleware, so the
 * code under test (not the SDK) has to retry.
 */
export interface PartialBatchDouble {
  /** Share (0–1) of each request's items/keys held back. Changeable between calls. */
  share: number;
  /** Requests seen, per operation. */
  readonly calls: { BatchWriteItem: number; BatchGetItem: number };
  /** How often each item (JSON of its key attributes) was forwarded to Local. */
  readonly forwarded: Map<string, number>;
  /** The next calls of any batch operation fail with these errors, in order. */
  injectErrors(codes: readonly ('ProvisionedThroughputExceededException' | 'ThrottlingException')[]): void;
  /** Removes the middleware. */
  remove(): void;
}

/** Deterministic PRNG, shared with the shipped fault proxy, so a failing run can be replayed. */
export { seededRandom };

export function installPartialBatchDouble(
  client: DynamoDBClient,
  options: { share: number; random?: () => number; keyAttributes?: readonly string[] },
): PartialBatchDouble {
  const random = options.random ?? seededRandom(1);
  const keyAttributes = options.keyAttributes ?? ['pk', 'sk'];
  const pending: string[] = [];
  const name = `partialBatchDouble${Math.random().toString(36).slice(2)}`;
  const keyOf = (item: Record<string, { S?: string }>) => JSON.stringify(keyAttributes.map((a) => item[a]?.S ?? null));

  const double: PartialBatchDouble = {
    share: options.share,
    calls: { BatchWriteItem: 0, BatchGetItem: 0 },
    forwarded: new Map(),
    injectErrors(codes) {
      pending.push(...codes);
    },
    remove() {
      client.middlewareStack.remove(name);
    },
  };

  const throttle = (code: string): never => {
    const args = { message: `${code} (injected by the partial-batch double)`, $metadata: { httpStatusCode: 400 } };
    throw code === 'ThrottlingException' ? new ThrottlingException(args) : new ProvisionedThroughputExceededException(args);
  };

  client.middlewareStack.add(
    (next, context) => async (args) => {
      const command = context.commandName;
      if (command !== 'BatchWriteItemCommand' && command !== 'BatchGetItemCommand') return next(args);
      const injected = pending.shift();
      if (injected) throttle(injected);

      if (command === 'BatchWriteItemCommand') {
        double.calls.BatchWriteItem++;
        const input = args.input as BatchWriteItemCommandInput;
        const forward: Record<string, WriteRequest[]> = {};
        const held: Record<string, WriteRequest[]> = {};
        let kept = 0;
        for (const [table, requests] of Object.entries(input.RequestItems ?? {})) {
          for (const r of requests) {
            const target = random() < double.share ? held : forward;
            (target[table] ??= []).push(r);
            if (target === forward) kept++;
          }
        }
        if (kept === 0) throttle('ProvisionedThroughputExceededException');
        for (const requests of Object.values(forward)) {
          for (const r of requests) {
            const key = keyOf((r.PutRequest?.Item ?? r.DeleteRequest?.Key ?? {}) as Record<string, { S?: string }>);
            double.forwarded.set(key, (double.forwarded.get(key) ?? 0) + 1);
          }
        }
        const result = await next({ ...args, input: { ...input, RequestItems: forward } });
        const output = result.output as BatchWriteItemCommandOutput;
        const unprocessed = { ...(output.UnprocessedItems ?? {}) };
        for (const [table, requests] of Object.entries(held)) unprocessed[table] = [...(unprocessed[table] ?? []), ...requests];
        return { ...result, output: { ...output, UnprocessedItems: unprocessed } };
      }

      double.calls.BatchGetItem++;
      const input = args.input as BatchGetItemCommandInput;
      const forward: Record<string, KeysAndAttributes> = {};
      const held: Record<string, KeysAndAttributes> = {};
      let kept = 0;
      for (const [table, request] of Object.entries(input.RequestItems ?? {})) {
        for (const key of request.Keys ?? []) {
          const toForward = random() >= double.share;
          const target = toForward ? forward : held;
          (target[table] ??= { ...request, Keys: [] }).Keys!.push(key);
          if (toForward) {
            kept++;
            const k = keyOf(key as Record<string, { S?: string }>);
            double.forwarded.set(k, (double.forwarded.get(k) ?? 0) + 1);
          }
        }
      }
      if (kept === 0) throttle('ProvisionedThroughputExceededException');
      const result = await next({ ...args, input: { ...input, RequestItems: forward } });
      const output = result.output as BatchGetItemCommandOutput;
      const unprocessed = { ...(output.UnprocessedKeys ?? {}) };
      for (const [table, request] of Object.entries(held)) {
        unprocessed[table] = { ...request, Keys: [...(unprocessed[table]?.Keys ?? []), ...(request.Keys ?? [])] };
      }
      return { ...result, output: { ...output, UnprocessedKeys: unprocessed } };
    },
    { step: 'initialize', name },
  );
  return double;
}
