import { TablewrightError } from './core-errors.js';

/** One top-level attribute's share of an item's size (name + value bytes). */
export interface AttributeSizeEntry {
  /** Top-level attribute name. */
  readonly attribute: string;
  /** Its bytes toward the item size: UTF-8 name length plus value size. */
  readonly size: number;
}

/**
 * An item is over DynamoDB's 400 KB (409,600-byte) limit. Raised before the
 * request by put, transactional and batch puts, and for DynamoDB's own
 * rejection of an update ("Item size to update has exceeded…"), in which
 * case `size` is unknown.
 */
export class ItemTooLargeError extends TablewrightError {
  override readonly name = 'ItemTooLargeError';
  /** The entity whose item was refused, when known. */
  readonly entity: string | undefined;
  /** The item's primary-key values, when known. */
  readonly key: Readonly<Record<string, unknown>> | undefined;
  /** Bytes counted toward the limit (item plus local-index entries); `undefined` when only DynamoDB knew. */
  readonly size: number | undefined;
  /** The limit in bytes: 409,600 (400 KB). */
  readonly limit: number;
  /** The largest attributes, largest first (at most 5). */
  readonly largest: readonly AttributeSizeEntry[];
  /** Bytes of each local secondary index entry counted with the item (AWS counts them toward the limit). */
  readonly indexEntries: readonly { readonly index: string; readonly size: number }[];
  constructor(args: {
    entity?: string | undefined;
    key?: Readonly<Record<string, unknown>> | undefined;
    size?: number | undefined;
    limit: number;
    largest?: readonly AttributeSizeEntry[];
    indexEntries?: readonly { readonly index: string; readonly size: number }[];
    message?: string;
    cause?: unknown;
  }) {
    const largest = (args.largest ?? []).slice(0, 5);
    const indexEntries = args.indexEntries ?? [];
    const who = `${args.entity ?? 'Item'}${args.key ? ' ' + JSON.stringify(args.key) : ''}`;
    const size = args.size === undefined ? 'is over' : `is ${args.size.toLocaleString('en-US')} bytes, over`;
    const top = largest.length ? ` — largest: ${largest.map((a) => `${a.attribute} ${a.size.toLocaleString('en-US')} B`).join(', ')}` : '';
    const lsi = indexEntries.length
      ? ` (includes local index entries: ${indexEntries.map((e) => `${e.index} ${e.size.toLocaleString('en-US')} B`).join(', ')})`
      : '';
    super(args.message ?? `${who} ${size} DynamoDB's item limit of ${args.limit.toLocaleString('en-US')} bytes${lsi}${top}`, {
      cause: args.cause,
    });
    this.entity = args.entity;
    this.key = args.key;
    this.size = args.size;
    this.limit = args.limit;
    this.largest = largest;
    this.indexEntries = indexEntries;
  }
}
