import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { OperationMap, OperationName } from '../transport.js';

/** One item a request reads or writes: its table and its key (or, for a put, its whole item), as sent. */
export interface TouchedItem {
  /** The table. */
  readonly table: string;
  /** `Key` of a get/update/delete/condition check, `Item` of a put. */
  readonly attributes: Readonly<Record<string, AttributeValue>>;
}

/** What the router needs to know about a request. @internal */
export interface RequestProfile {
  readonly operation: OperationName;
  /** `true` for writes (put, update, delete, batch write, transact write). */
  readonly write: boolean;
  /** A strongly consistent read: strong only against writes made in the same Region. */
  readonly strongRead: boolean;
  /** A write with a condition: evaluated against the local replica only. */
  readonly conditional: boolean;
  /** A transaction: ACID only in the Region that runs it. */
  readonly transaction: boolean;
  /** The items it touches (none for query and scan). */
  readonly items: readonly TouchedItem[];
}

type Any = Record<string, any>;

/** Reads the routing facts off a request. Pure. @internal */
export function profileRequest<O extends OperationName>(operation: O, input: OperationMap[O][0]): RequestProfile {
  const i = input as Any;
  const one = (attributes: Any | undefined): TouchedItem[] => (attributes ? [{ table: String(i.TableName), attributes }] : []);
  switch (operation) {
    case 'GetItem':
      return profile(operation, false, i.ConsistentRead === true, false, false, one(i.Key));
    case 'Query':
    case 'Scan':
      return profile(operation, false, i.ConsistentRead === true, false, false, []);
    case 'PutItem':
      return profile(operation, true, false, i.ConditionExpression !== undefined || i.Expected !== undefined, false, one(i.Item));
    case 'UpdateItem':
    case 'DeleteItem':
      return profile(operation, true, false, i.ConditionExpression !== undefined || i.Expected !== undefined, false, one(i.Key));
    case 'BatchGetItem': {
      const items = Object.entries((i.RequestItems ?? {}) as Record<string, Any>).flatMap(([table, r]) =>
        ((r.Keys ?? []) as Any[]).map((attributes) => ({ table, attributes })),
      );
      const strong = Object.values((i.RequestItems ?? {}) as Record<string, Any>).some((r) => r.ConsistentRead === true);
      return profile(operation, false, strong, false, false, items);
    }
    case 'BatchWriteItem': {
      const items = Object.entries((i.RequestItems ?? {}) as Record<string, Any[]>).flatMap(([table, writes]) =>
        writes.map((w) => ({ table, attributes: (w.PutRequest?.Item ?? w.DeleteRequest?.Key ?? {}) as Any })),
      );
      return profile(operation, true, false, false, false, items);
    }
    case 'TransactGetItems': {
      const items = ((i.TransactItems ?? []) as Any[]).map((t) => ({ table: String(t.Get?.TableName), attributes: (t.Get?.Key ?? {}) as Any }));
      return profile(operation, false, true, false, true, items);
    }
    case 'TransactWriteItems': {
      const items = ((i.TransactItems ?? []) as Any[]).map((t) => {
        const action = (t.Put ?? t.Update ?? t.Delete ?? t.ConditionCheck ?? {}) as Any;
        return { table: String(action.TableName), attributes: (action.Item ?? action.Key ?? {}) as Any };
      });
      return profile(operation, true, false, true, true, items);
    }
    default:
      return profile(operation, false, false, false, false, []);
  }
}

function profile(operation: OperationName, write: boolean, strongRead: boolean, conditional: boolean, transaction: boolean, items: TouchedItem[]): RequestProfile {
  return { operation, write, strongRead, conditional, transaction, items };
}
