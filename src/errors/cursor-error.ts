import { TablewrightError } from './core-errors.js';

/** Why a pagination cursor was refused. */
export type CursorErrorReason = 'malformed' | 'tampered' | 'unsigned' | 'foreign';

/**
 * A pagination cursor could not be used: it is not one tablewright made, its
 * signature does not match the table's `cursorSecret`, or it belongs to
 * another table, index or entity. Raised before any request.
 */
export class CursorError extends TablewrightError {
  override readonly name = 'CursorError';
  /** Why the cursor was refused (see {@link CursorErrorReason}). */
  readonly reason: CursorErrorReason;
  /** The table the cursor was used with. */
  readonly table: string;
  /** `'primary'` or the index name the cursor was used with. */
  readonly index: string;
  constructor(args: { reason: CursorErrorReason; table: string; index: string; message: string; cause?: unknown }) {
    super(args.message, { cause: args.cause });
    this.reason = args.reason;
    this.table = args.table;
    this.index = args.index;
  }
}
