import { TablewrightError } from './core-errors.js';

/** Why an expiry was refused. */
export type TtlErrorReason = 'milliseconds' | 'too-old' | 'not-finite' | 'invalid';

/** An expiry that DynamoDB would ignore or misread (milliseconds, > 5 years past, not finite). */
export class TtlError extends TablewrightError {
  override readonly name = 'TtlError';
  /** What is wrong with the expiry (see {@link TtlErrorReason}). */
  readonly reason: TtlErrorReason;
  /** The entity being written, when known. */
  readonly entity: string | undefined;
  /** The table's TTL attribute (or the schema field the expiry came from). */
  readonly attribute: string;
  /** The expiry value that was refused, as given. */
  readonly value: unknown;
  constructor(args: { reason: TtlErrorReason; attribute: string; value: unknown; message: string; entity?: string | undefined }) {
    super(`${args.entity ? args.entity + ': ' : ''}TTL ${args.attribute}: ${args.message}`);
    this.reason = args.reason;
    this.entity = args.entity;
    this.attribute = args.attribute;
    this.value = args.value;
  }
}
