/**
 * The partial-batch fault on the wire: a batch request is split into what is
 * forwarded to DynamoDB Local and what is held back, and the held-back part
 * is handed back in the response's `UnprocessedItems` / `UnprocessedKeys`,
 * never applied (API_BatchWriteItem, API_BatchGetItem). Pure functions over
 * the JSON bodies.
 */

type Json = Record<string, unknown>;

/** A batch request split in two. `forward` is `undefined` when nothing is left to forward. */
export interface SplitBatch {
  readonly forward: Json | undefined;
  readonly held: Json;
  readonly heldCount: number;
}

/** Holds back each write request (BatchWriteItem) or key (BatchGetItem) with probability `share`. */
export function splitBatch(operation: 'BatchWriteItem' | 'BatchGetItem', body: Json, share: number, random: () => number): SplitBatch {
  const items = (body.RequestItems ?? {}) as Record<string, unknown>;
  const forward: Record<string, unknown> = {};
  const held: Record<string, unknown> = {};
  let kept = 0;
  let heldCount = 0;
  for (const [table, request] of Object.entries(items)) {
    if (operation === 'BatchWriteItem') {
      const go: unknown[] = [];
      const stay: unknown[] = [];
      for (const r of request as unknown[]) (random() < share ? stay : go).push(r);
      if (go.length) forward[table] = go;
      if (stay.length) held[table] = stay;
      kept += go.length;
      heldCount += stay.length;
    } else {
      const { Keys, ...rest } = request as { Keys?: unknown[] };
      const go: unknown[] = [];
      const stay: unknown[] = [];
      for (const k of Keys ?? []) (random() < share ? stay : go).push(k);
      if (go.length) forward[table] = { ...rest, Keys: go };
      if (stay.length) held[table] = { ...rest, Keys: stay };
      kept += go.length;
      heldCount += stay.length;
    }
  }
  return { forward: kept === 0 ? undefined : { ...body, RequestItems: forward }, held, heldCount };
}

/** Adds the held-back part to a successful batch response's unprocessed items/keys. */
export function addUnprocessed(operation: 'BatchWriteItem' | 'BatchGetItem', response: Json, held: Json): Json {
  const member = operation === 'BatchWriteItem' ? 'UnprocessedItems' : 'UnprocessedKeys';
  const unprocessed: Record<string, unknown> = { ...((response[member] as Json | undefined) ?? {}) };
  for (const [table, part] of Object.entries(held)) {
    const before = unprocessed[table];
    if (operation === 'BatchWriteItem') {
      unprocessed[table] = [...((before as unknown[] | undefined) ?? []), ...(part as unknown[])];
    } else {
      const p = part as { Keys: unknown[] };
      const b = before as { Keys?: unknown[] } | undefined;
      unprocessed[table] = { ...p, Keys: [...(b?.Keys ?? []), ...p.Keys] };
    }
  }
  return { ...response, [member]: unprocessed };
}
