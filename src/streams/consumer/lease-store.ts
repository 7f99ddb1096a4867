import { z } from 'zod';
import { ConditionFailedError, ConfigurationError } from '../../errors.js';
import { defineEntity } from '../../facades/define-entity.js';
import type { TableCore } from '../../facades/table-core.js';
import type { ConditionBuilder } from '../../expressions/condition-builder.js';
import { createItem } from '../../functions/put-item.js';
import { queryPages } from '../../functions/query.js';
import { updateItem } from '../../functions/update-item.js';
import { deleteItem } from '../../functions/delete-item.js';

/**
 * The lease and checkpoint of one shard, one row per (consumer group, shard)
 * in a tablewright table. Every change bumps `counter`, so a reader that sees
 * the same counter for a whole lease duration knows the owner stopped renewing.
 */
export interface ShardLease {
  /** The consumer group: application name and stream ARN. */
  readonly group: string;
  readonly shardId: string;
  /** The parent shard (read to its end before this one is taken). */
  readonly parent?: string | undefined;
  /** The consumer holding the lease; absent when free. */
  readonly owner?: string | undefined;
  /** Bumped by every renewal, take, checkpoint and release. */
  readonly counter: number;
  /** Sequence number of the last record applied and checkpointed; absent: from the start of the shard. */
  readonly checkpoint?: string | undefined;
  /** The shard was closed and read to its end. */
  readonly finished: boolean;
  /** A consumer asked the owner to hand the lease over (balancing). */
  readonly handoffTo?: string | undefined;
}

const leaseSchema = z.object({
  group: z.string(),
  shardId: z.string(),
  parent: z.string().optional(),
  owner: z.string().optional(),
  counter: z.number().int(),
  checkpoint: z.string().optional(),
  finished: z.boolean(),
  handoffTo: z.string().optional(),
});

/** The entity name of lease rows in the lease table. */
export const LEASE_ENTITY = 'TablewrightStreamLease';

/** A consumer's heartbeat row: tells the others it is alive even while it holds no lease (so shares are fair). */
export interface ConsumerHeartbeat {
  readonly group: string;
  readonly workerId: string;
  /** Bumped every renewal round. */
  readonly counter: number;
}

const heartbeatSchema = z.object({ group: z.string(), workerId: z.string(), counter: z.number().int() });

/** Lease-table operations; every write is conditional on the owner (or, to take, on the counter seen). @internal */
export interface LeaseStore {
  list(): Promise<ShardLease[]>;
  /** Creates the lease of a new shard; `false` when it exists already. */
  create(shardId: string, parent: string | undefined): Promise<boolean>;
  /** Takes a free, expired or handed-over lease; `undefined` when someone else changed it first. */
  take(lease: ShardLease, owner: string): Promise<ShardLease | undefined>;
  /** Renews (bumps the counter); `undefined` when `owner` no longer holds it. */
  renew(shardId: string, owner: string): Promise<ShardLease | undefined>;
  /** Records progress; `finished` marks the shard read to its end. `undefined` when `owner` no longer holds it. */
  checkpoint(shardId: string, owner: string, sequenceNumber: string | undefined, finished: boolean): Promise<ShardLease | undefined>;
  /** Frees the lease, or gives it to `to`; `false` when `owner` no longer held it. */
  release(shardId: string, owner: string, to?: string): Promise<boolean>;
  /** Asks the owner to hand the lease to `to`; `false` when another request or owner came first. */
  requestHandoff(lease: ShardLease, to: string): Promise<boolean>;
  /** Bumps this consumer's heartbeat row (created on first use). */
  heartbeat(workerId: string): Promise<void>;
  /** Every consumer's heartbeat row. */
  consumers(): Promise<ConsumerHeartbeat[]>;
  /** Deletes this consumer's heartbeat row (on `stop()`). */
  leave(workerId: string): Promise<void>;
}

/** Models the lease rows on `table` (any tablewright table with a sort key) for one group. @internal */
export function leaseStore(table: TableCore, group: string): LeaseStore {
  if (!table.model.sortKey) throw new ConfigurationError(`streamConsumer: the lease table ${table.model.name} needs a sort key`);
  const Lease = defineEntity(table, LEASE_ENTITY, {
    schema: leaseSchema,
    keys: { primary: { pk: ['STREAM-LEASE', 'group'], sk: ['SHARD', 'shardId'] } },
  });
  const Heartbeat = defineEntity(table, `${LEASE_ENTITY}Consumer`, {
    schema: heartbeatSchema,
    keys: { primary: { pk: ['STREAM-LEASE', 'group'], sk: ['CONSUMER', 'workerId'] } },
  });
  const held = (owner: string) => (c: ConditionBuilder<ShardLease>) => c.eq('owner', owner);
  const ifHeld = async <T>(write: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await write();
    } catch (error) {
      if (error instanceof ConditionFailedError) return undefined;
      throw error;
    }
  };
  return {
    async list() {
      const out: ShardLease[] = [];
      for await (const page of queryPages(Lease, 'primary', { group }, { consistent: true })) out.push(...page.items);
      return out;
    },
    async create(shardId, parent) {
      const created = await ifHeld(() => createItem(Lease, { group, shardId, ...(parent ? { parent } : {}), counter: 0, finished: false }));
      return created !== undefined;
    },
    take(lease, owner) {
      return ifHeld(() =>
        updateItem(
          Lease,
          { group, shardId: lease.shardId },
          { set: { owner, handoffTo: undefined }, increment: { counter: 1 } },
          {
            returnValues: 'ALL_NEW',
            condition: (c) =>
              c.and(c.eq('counter', lease.counter), lease.owner === undefined ? c.notExists('owner') : c.eq('owner', lease.owner)),
          },
        ),
      );
    },
    renew(shardId, owner) {
      return ifHeld(() => updateItem(Lease, { group, shardId }, { increment: { counter: 1 } }, { returnValues: 'ALL_NEW', condition: held(owner) }));
    },
    checkpoint(shardId, owner, sequenceNumber, finished) {
      return ifHeld(() =>
        updateItem(
          Lease,
          { group, shardId },
          { set: { ...(sequenceNumber !== undefined ? { checkpoint: sequenceNumber } : {}), finished }, increment: { counter: 1 } },
          { returnValues: 'ALL_NEW', condition: held(owner) },
        ),
      );
    },
    async release(shardId, owner, to) {
      const done = await ifHeld(async () => {
        await updateItem(Lease, { group, shardId }, { set: { owner: to, handoffTo: undefined }, increment: { counter: 1 } }, { condition: held(owner) });
        return true;
      });
      return done === true;
    },
    async requestHandoff(lease, to) {
      const done = await ifHeld(async () => {
        await updateItem(
          Lease,
          { group, shardId: lease.shardId },
          { set: { handoffTo: to } },
          { condition: (c) => c.and(c.eq('owner', lease.owner ?? ''), c.notExists('handoffTo'), c.eq('finished', false)) },
        );
        return true;
      });
      return done === true;
    },
    async heartbeat(workerId) {
      await updateItem(Heartbeat, { group, workerId }, { increment: { counter: 1 } }, { upsert: true });
    },
    async consumers() {
      const out: ConsumerHeartbeat[] = [];
      for await (const page of queryPages(Heartbeat, 'primary', { group }, { consistent: true })) out.push(...page.items);
      return out;
    },
    async leave(workerId) {
      await deleteItem(Heartbeat, { group, workerId });
    },
  };
}
