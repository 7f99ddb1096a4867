import type { CancellationReason as SdkReason, DynamoDBClient, TransactWriteItem } from '@aws-sdk/client-dynamodb';
import type { CancellationReason } from '../errors.js';
import type { Transport } from '../transport/transport.js';

/** The table a transaction participant acts on: its name, client and transport. */
export interface ParticipantTable {
  readonly name: string;
  /** Every participant of one transaction must use the same client (one account and Region). */
  readonly client: DynamoDBClient;
  /** The first participant's transport sends the transaction. */
  readonly transport: Transport;
}

/** What a participant makes of its own cancellation reason. */
export type ParticipantReason = Pick<CancellationReason, 'item' | 'versionConflict' | 'hint'> & Partial<Pick<CancellationReason, 'stored'>>;

/**
 * Anything that can join `transactWrite`: entity operations (`putOp`,
 * `updateOp`, `deleteOp`, `conditionOp`) and hand-built writes such as a
 * stream checkpoint or a replica guard. The transaction checks limits with
 * `identity` and `request`, sends `request`, and on cancellation asks each
 * participant to read its own reason.
 *
 * @example
 * ```ts
 * import { sdkTransport, transactWrite, type TransactionParticipant } from 'tablewright';
 *
 * const shard = 'shard-0001';
 * const seq = '4200000000000000000001';
 * const checkpoint: TransactionParticipant = {
 *   kind: 'checkpoint', entity: 'Checkpoint', key: { shard },
 *   table: { name: table.name, client, transport: sdkTransport(client) },
 *   identity: `${table.name}\u0000CP#${shard}\u0000`,
 *   request: { Put: { TableName: table.name, Item: { pk: { S: `CP#${shard}` }, sk: { S: 'CP' }, seq: { S: seq } } } },
 *   interpretCancellation: () => ({ item: undefined, versionConflict: undefined }),
 * };
 * await transactWrite([Order.putOp(order), checkpoint]);
 * ```
 */
export interface TransactionParticipant {
  /** Reported in cancellation reasons, e.g. `'put'` or `'checkpoint'`. */
  readonly kind: string;
  /** Who writes (an entity name or a feature), for errors and reasons. */
  readonly entity: string;
  /** The item's key values, for errors and reasons. */
  readonly key: Readonly<Record<string, unknown>>;
  /** The SDK action to send. */
  readonly request: TransactWriteItem;
  /** Names the item (table + key): two participants on one item are refused before sending. */
  readonly identity: string;
  readonly table: ParticipantTable;
  /** Reads this participant's cancellation reason (`Item` still marshalled, when returned). */
  interpretCancellation(reason: SdkReason): ParticipantReason;
}
