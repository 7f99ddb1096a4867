import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { TouchedItem } from './request-profile.js';

/**
 * Remembers, per item key, the Region that took the last write and until
 * when reads of that key should go there (the read-your-writes window).
 * Keys are the table name plus the key attributes' wire values, in a fixed
 * order, so a put (whole item) and a get (key only) of one item match.
 * @internal
 */
export class WriteRegionMemory {
  private readonly entries = new Map<string, { region: string; until: number }>();

  constructor(
    private readonly keyAttributes: readonly string[],
    private readonly windowMs: number,
    private readonly clock: () => number,
  ) {}

  /** Records a successful write of these items in `region`. */
  wrote(items: readonly TouchedItem[], region: string): void {
    const now = this.clock();
    if (this.entries.size > 10_000) for (const [k, e] of this.entries) if (e.until <= now) this.entries.delete(k);
    for (const item of items) {
      const key = this.keyOf(item);
      if (key !== undefined) this.entries.set(key, { region, until: now + this.windowMs });
    }
  }

  /** The Region that took a write of this item within the window, if any. */
  regionOf(item: TouchedItem): string | undefined {
    const key = this.keyOf(item);
    const entry = key === undefined ? undefined : this.entries.get(key);
    if (!entry) return undefined;
    if (entry.until <= this.clock()) {
      this.entries.delete(key!);
      return undefined;
    }
    return entry.region;
  }

  /** The item's key in a printable form (for events). */
  describe(item: TouchedItem): Record<string, AttributeValue> {
    return Object.fromEntries(this.keyAttributes.filter((a) => item.attributes[a] !== undefined).map((a) => [a, item.attributes[a]!]));
  }

  private keyOf(item: TouchedItem): string | undefined {
    const parts: unknown[] = [item.table];
    for (const a of this.keyAttributes) {
      const v = item.attributes[a];
      if (v !== undefined) parts.push(a, v);
    }
    return parts.length > 1 ? JSON.stringify(parts) : undefined;
  }
}
