import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { CursorError } from '../errors.js';
import { nodeCrypto } from '../runtime/node-builtins.js';
import type { TableModel } from '../model/table-definition.js';

/**
 * Pagination cursors: `base64url(JSON)` of the LastEvaluatedKey plus the
 * table, index and reader (entity or collection) it belongs to. With a
 * `cursorSecret` on the table, `.<HMAC-SHA256>` is appended and checked, so a
 * cursor cannot be forged or edited to read elsewhere. Cursors are not
 * encrypted: they contain the key values of the last item read.
 */

/** Where a cursor may be used. @internal */
export interface CursorScope {
  readonly table: TableModel;
  /** `'primary'` or the index name. */
  readonly index: string;
  /** The entity, collection or `'*'` (table scan) reading. */
  readonly reader: string;
  /** Key attributes a LastEvaluatedKey of this index has (all String: tablewright keys are strings). */
  readonly keyAttributes: readonly string[];
}

interface Payload {
  readonly t: string;
  readonly i: string;
  readonly r: string;
  readonly k: Record<string, AttributeValue>;
}

const sign = (secret: Uint8Array, body: string) => nodeCrypto().createHmac('sha256', secret).update(body).digest('base64url');

/** Encodes a LastEvaluatedKey; `undefined` when there is no next page. @internal */
export function encodeCursor(scope: CursorScope, lastKey: Record<string, AttributeValue> | undefined): string | undefined {
  if (!lastKey) return undefined;
  const payload: Payload = { t: scope.table.name, i: scope.index, r: scope.reader, k: lastKey };
  const body = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
  return scope.table.cursorSecret ? `${body}.${sign(scope.table.cursorSecret, body)}` : body;
}

/** Decodes and checks a cursor; throws {@link CursorError} before any request. @internal */
export function decodeCursor(scope: CursorScope, cursor: string): Record<string, AttributeValue> {
  const fail = (reason: CursorError['reason'], why: string, cause?: unknown): never => {
    throw new CursorError({
      reason,
      table: scope.table.name,
      index: scope.index,
      message: `Cursor refused (${reason}) for table ${scope.table.name}, index ${scope.index}, ${scope.reader}: ${why}`,
      cause,
    });
  };
  if (typeof cursor !== 'string' || cursor.length === 0 || cursor.length > 64 * 1024) fail('malformed', 'not a cursor string');
  const dot = cursor.indexOf('.');
  const body = dot === -1 ? cursor : cursor.slice(0, dot);
  const secret = scope.table.cursorSecret;
  if (secret) {
    if (dot === -1) fail('unsigned', 'this table signs its cursors and this one carries no signature');
    const expected = Buffer.from(sign(secret, body));
    const given = Buffer.from(cursor.slice(dot + 1));
    if (expected.length !== given.length || !nodeCrypto().timingSafeEqual(expected, given)) fail('tampered', 'the signature does not match');
  }
  let payload: Payload;
  try {
    payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Payload;
  } catch (cause) {
    return fail('malformed', 'not valid base64url JSON', cause);
  }
  if (!payload || typeof payload !== 'object' || !payload.k || typeof payload.k !== 'object') fail('malformed', 'missing key');
  if (payload.t !== scope.table.name || payload.i !== scope.index || payload.r !== scope.reader) {
    fail('foreign', `it was made for table ${payload.t}, index ${payload.i}, ${payload.r}`);
  }
  const names = Object.keys(payload.k).sort();
  const expected = [...scope.keyAttributes].sort();
  const valid =
    names.length === expected.length &&
    names.every((n, i) => n === expected[i]) &&
    Object.values(payload.k).every((v) => v && typeof v === 'object' && typeof v.S === 'string' && Object.keys(v).length === 1);
  if (!valid) fail('malformed', `its key must have exactly ${expected.join(', ')}`);
  return payload.k;
}
