import { StreamRecordError } from '../errors.js';

/**
 * Runs a batch of records item by item: the records of one item strictly in
 * order, different items concurrently up to a limit; after an item's first
 * failure none of its later records runs. Returns what was not applied.
 * @internal
 */
export interface OrderedEntry {
  /** The item the record changes (its stored keys, canonical). */
  readonly itemKey: string;
  /** The record's identifier for `batchItemFailures`, `undefined` when it has none. */
  readonly identifier: string | undefined;
  /** The record's id (dedupe). */
  readonly recordId: string;
  readonly entity: string | undefined;
  readonly run: () => unknown;
}

/** A record that was not applied. */
export interface NotApplied<T extends OrderedEntry = OrderedEntry> {
  readonly entry: T;
  /** `'failed'`: its callback threw; `'after-failure'`: an earlier record of its item failed, so it was not run. */
  readonly reason: 'failed' | 'after-failure';
  readonly error: unknown;
}

/** How to run. @internal */
export interface OrderedRunOptions {
  /** Items processed at once. */
  readonly concurrency: number;
  /** One record at a time in batch order. */
  readonly sequential: boolean;
}

/** Runs the entries (in stream order). @internal */
export async function runOrdered<T extends OrderedEntry>(entries: readonly T[], options: OrderedRunOptions): Promise<NotApplied<T>[]> {
  const notApplied: NotApplied<T>[] = [];
  const failedAt = new Map<string, T>();
  const runOne = async (entry: T): Promise<void> => {
    const first = failedAt.get(entry.itemKey);
    if (first) {
      notApplied.push({
        entry,
        reason: 'after-failure',
        error: new StreamRecordError({
          reason: 'earlier-failure',
          message: `stream record ${entry.recordId} not applied: record ${first.recordId} of the same item failed earlier in the batch`,
          recordId: entry.recordId,
          entity: entry.entity,
        }),
      });
      return;
    }
    try {
      await entry.run();
    } catch (error) {
      failedAt.set(entry.itemKey, entry);
      notApplied.push({ entry, reason: 'failed', error });
    }
  };

  if (options.sequential) {
    for (const entry of entries) await runOne(entry);
    return notApplied;
  }
  const groups = new Map<string, T[]>();
  for (const entry of entries) {
    const group = groups.get(entry.itemKey);
    if (group) group.push(entry);
    else groups.set(entry.itemKey, [entry]);
  }
  const queue = [...groups.values()];
  let next = 0;
  const worker = async () => {
    while (next < queue.length) {
      const group = queue[next++]!;
      for (const entry of group) await runOne(entry);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency, queue.length) }, worker));
  return notApplied;
}
