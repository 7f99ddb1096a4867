import type { ShardLease } from './lease-store.js';

/**
 * Which leases a consumer takes, as a pure function of what it has seen
 * (property-tested). The rules, documented in docs/streams.md:
 *
 * 1. A lease has **expired** when its owner is set and this observer has seen
 *    the same `counter` for at least `leaseDurationMs` (its own clock only, so
 *    clock skew between machines does not matter).
 * 2. A lease is **workable** when it is not finished, its shard is still in
 *    the stream, and the shard is ready: no parent, the parent's lease is
 *    finished, or the parent is gone from the stream (trimmed after 24 h).
 * 3. Live consumers are this one, the owners of unexpired workable leases,
 *    and the consumers whose heartbeat row changed within the lease duration
 *    (so one that holds nothing yet still counts); the fair share is
 *    ceil(workable / live).
 * 4. Below its share, a consumer takes free leases first, then expired ones.
 * 5. Still below, it asks the most loaded consumer for one lease (a handoff),
 *    only when that one holds at least 2 more than it does (no ping-pong) and
 *    no handoff to it is already pending. The owner hands over after its
 *    in-flight batch and checkpoint, so no record is read by both.
 */

/** The counter of a lease as this consumer last saw it change. @internal */
export interface Observation {
  readonly counter: number;
  readonly owner: string | undefined;
  /** When the counter (or owner) was first seen with this value, on this consumer's clock. */
  readonly since: number;
}

/** Updates the observations with a fresh listing of leases and consumers. @internal */
export function observe(
  previous: ReadonlyMap<string, Observation>,
  leases: readonly ShardLease[],
  now: number,
  consumers: readonly { readonly workerId: string; readonly counter: number }[] = [],
): Map<string, Observation> {
  const out = new Map<string, Observation>();
  const note = (key: string, counter: number, owner: string | undefined) => {
    const seen = previous.get(key);
    out.set(key, seen && seen.counter === counter && seen.owner === owner ? seen : { counter, owner, since: now });
  };
  for (const lease of leases) note(lease.shardId, lease.counter, lease.owner);
  for (const consumer of consumers) note(consumerKey(consumer.workerId), consumer.counter, undefined);
  return out;
}

/** The inputs of one balancing round. @internal */
export interface BalanceInput {
  readonly me: string;
  readonly leases: readonly ShardLease[];
  readonly observations: ReadonlyMap<string, Observation>;
  /** Shard ids the stream lists now (to tell a trimmed parent from one whose lease is not written yet). */
  readonly streamShards: ReadonlySet<string>;
  readonly now: number;
  readonly leaseDurationMs: number;
  /** Consumers (heartbeat rows) with their observations, keyed `consumer:<id>` in `observations`. */
  readonly consumers?: readonly { readonly workerId: string; readonly counter: number }[];
}

/** The observation key of a consumer's heartbeat. @internal */
export const consumerKey = (workerId: string) => `consumer:${workerId}`;

/** What to do. @internal */
export interface BalanceDecision {
  /** Leases to take (conditional on the counter seen). */
  readonly take: readonly ShardLease[];
  /** A lease to ask its owner for, if any. */
  readonly handoff: ShardLease | undefined;
  /** The fair share (for diagnostics). */
  readonly target: number;
}

/** Whether the lease's owner stopped renewing it. @internal */
export function isExpired(lease: ShardLease, observations: ReadonlyMap<string, Observation>, now: number, leaseDurationMs: number): boolean {
  if (lease.owner === undefined) return false;
  const seen = observations.get(lease.shardId);
  return seen !== undefined && seen.counter === lease.counter && now - seen.since >= leaseDurationMs;
}

/** Decides which leases `me` takes or asks for. @internal */
export function balance(input: BalanceInput): BalanceDecision {
  const { me, leases, observations, streamShards, now, leaseDurationMs } = input;
  const byShard = new Map(leases.map((l) => [l.shardId, l]));
  const ready = (lease: ShardLease) =>
    lease.parent === undefined || !streamShards.has(lease.parent) || byShard.get(lease.parent)?.finished === true;
  const workable = leases.filter((l) => !l.finished && streamShards.has(l.shardId) && ready(l));
  const expired = (l: ShardLease) => l.owner !== me && isExpired(l, observations, now, leaseDurationMs);
  const load = new Map<string, ShardLease[]>([[me, []]]);
  for (const lease of workable) {
    if (lease.owner === undefined || expired(lease)) continue;
    const held = load.get(lease.owner);
    if (held) held.push(lease);
    else load.set(lease.owner, [lease]);
  }
  for (const consumer of input.consumers ?? []) {
    if (load.has(consumer.workerId)) continue;
    const seen = observations.get(consumerKey(consumer.workerId));
    if (!seen || seen.counter !== consumer.counter || now - seen.since < leaseDurationMs) load.set(consumer.workerId, []);
  }
  const target = workable.length === 0 ? 0 : Math.ceil(workable.length / load.size);
  const mine = load.get(me)!.length;
  const wanted = target - mine;
  if (wanted <= 0) return { take: [], handoff: undefined, target };
  const free = workable.filter((l) => l.owner === undefined);
  const stale = workable.filter(expired);
  const take = [...free, ...stale].slice(0, wanted);
  if (take.length > 0 || workable.some((l) => l.handoffTo === me && l.owner !== me)) return { take, handoff: undefined, target };
  let victim: ShardLease[] | undefined;
  for (const [owner, held] of load) {
    if (owner !== me && (!victim || held.length > victim.length)) victim = held;
  }
  const handoff = victim && victim.length - mine >= 2 ? victim.find((l) => l.handoffTo === undefined) : undefined;
  return { take, handoff, target };
}
