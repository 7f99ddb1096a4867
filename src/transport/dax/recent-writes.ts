import type { AttributeValue } from '@aws-sdk/client-dynamodb';

/**
 * What this process wrote recently, per table: the (attribute, value) pairs
 * of written items, so a later query of one of those partitions can stay off
 * the DAX query cache (which writes never refresh). Values are keyed without
 * knowing the table's key schema: every top-level String/Number/Binary of a
 * put item, the key of an update or delete, and the scalar values an update
 * assigns (under any attribute name). That over-approximates — a query may
 * go to DynamoDB when it did not need to — and never misses a partition the
 * write put an item into. Entries expire after `windowMs`; memory is bounded
 * (past `maxEntries` the table as a whole counts as written).
 * @internal
 */
export class RecentWrites {
  readonly #pairs = new Map<string, number>();
  readonly #tables = new Map<string, number>();
  readonly #windowMs: number;
  readonly #maxEntries: number;
  readonly #clock: () => number;
  #nextSweep = 0;

  constructor(windowMs: number, clock: () => number, maxEntries = 100_000) {
    this.#windowMs = windowMs;
    this.#clock = clock;
    this.#maxEntries = maxEntries;
  }

  /** Records a written item (all its top-level scalars). */
  item(table: string, item: Readonly<Record<string, AttributeValue>> | undefined): void {
    const until = this.#touch(table);
    if (item) for (const name in item) this.#add(table, name, item[name]!, until);
  }

  /** Records a write known by key and assigned values (update, delete). */
  keyed(table: string, key: Readonly<Record<string, AttributeValue>> | undefined, values?: Readonly<Record<string, AttributeValue>>): void {
    const until = this.#touch(table);
    if (key) for (const name in key) this.#add(table, name, key[name]!, until);
    if (values) for (const name in values) this.#add(table, ANY, values[name]!, until);
  }

  /** Whether `table` was written within the window. */
  tableWritten(table: string): boolean {
    const until = this.#tables.get(table);
    return until !== undefined && until > this.#clock();
  }

  /** Whether the partition `name = value` of `table` may hold an item written within the window. */
  pairWritten(table: string, name: string, value: AttributeValue): boolean {
    if (!this.tableWritten(table)) return false;
    if (this.#overflowed(table)) return true;
    const canon = canonical(value);
    if (canon === undefined) return true;
    const now = this.#clock();
    return (this.#pairs.get(entry(table, name, canon)) ?? 0) > now || (this.#pairs.get(entry(table, ANY, canon)) ?? 0) > now;
  }

  /** Whether every attribute of `key` matches a write of `table` within the window. */
  keyWritten(table: string, key: Readonly<Record<string, AttributeValue>>): boolean {
    if (!this.tableWritten(table)) return false;
    for (const name in key) if (!this.pairWritten(table, name, key[name]!)) return false;
    return true;
  }

  #touch(table: string): number {
    const now = this.#clock();
    const until = now + this.#windowMs;
    this.#tables.set(table, until);
    // Time-based only: sweeping on every write of a full map would cost O(entries) per write.
    if (now >= this.#nextSweep) this.#sweep(now);
    return until;
  }

  #add(table: string, name: string, value: AttributeValue, until: number): void {
    const canon = canonical(value);
    if (canon === undefined) return;
    if (this.#pairs.size >= this.#maxEntries) {
      this.#pairs.set(entry(table, OVERFLOW, ''), until);
      return;
    }
    this.#pairs.set(entry(table, name, canon), until);
  }

  #overflowed(table: string): boolean {
    return (this.#pairs.get(entry(table, OVERFLOW, '')) ?? 0) > this.#clock();
  }

  #sweep(now: number): void {
    for (const [k, until] of this.#pairs) if (until <= now) this.#pairs.delete(k);
    for (const [k, until] of this.#tables) if (until <= now) this.#tables.delete(k);
    this.#nextSweep = now + Math.max(1000, this.#windowMs / 4);
  }
}

const ANY = '\u0001any';
const OVERFLOW = '\u0001overflow';

function entry(table: string, name: string, canon: string): string {
  return `${table}\u0000${name}\u0000${canon}`;
}

/** A comparable form of a key-able value; `undefined` for other types (never a partition key). */
function canonical(value: AttributeValue): string | undefined {
  if (value.S !== undefined) return `S${value.S}`;
  // DynamoDB compares numbers by value: "1.0" and "1" are the same key.
  if (value.N !== undefined) return `N${Number(value.N)}`;
  if (value.B !== undefined) return `B${Buffer.from(value.B).toString('base64')}`;
  return undefined;
}
