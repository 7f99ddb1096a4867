import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { OperationMap, OperationName } from '../transport.js';

type Item = Record<string, AttributeValue>;
type Any = Record<string, any>;

/**
 * Sets the Region stamp of a write request to the Region this attempt goes
 * to: `Item[attribute]` of puts (single, batch, transaction) and the value
 * the update expression assigns to `attribute` (`SET #n = :v`, as the update
 * compiler writes it). Pure; returns `input` itself when nothing changes
 * (no stamp in the request, or already this Region), else a copy.
 * @internal
 */
export function stampRegion<O extends OperationName>(operation: O, input: OperationMap[O][0], attribute: string, region: string): OperationMap[O][0] {
  const i = input as Any;
  switch (operation) {
    case 'PutItem':
      return restampItem(i.Item, attribute, region, (Item) => ({ ...i, Item }) as OperationMap[O][0], input);
    case 'UpdateItem':
      return restampUpdate(i, attribute, region) as OperationMap[O][0];
    case 'BatchWriteItem': {
      let changed = false;
      const RequestItems: Any = {};
      for (const [table, writes] of Object.entries((i.RequestItems ?? {}) as Record<string, Any[]>)) {
        RequestItems[table] = writes.map((w) => {
          const put = w.PutRequest as Any | undefined;
          if (!put) return w;
          const next = restampItem(put.Item, attribute, region, (Item) => ({ ...w, PutRequest: { ...put, Item } }), w);
          if (next !== w) changed = true;
          return next;
        });
      }
      return changed ? ({ ...i, RequestItems } as OperationMap[O][0]) : input;
    }
    case 'TransactWriteItems': {
      let changed = false;
      const TransactItems = ((i.TransactItems ?? []) as Any[]).map((t) => {
        let next = t;
        if (t.Put) next = restampItem(t.Put.Item, attribute, region, (Item) => ({ ...t, Put: { ...t.Put, Item } }), t);
        else if (t.Update) {
          const Update = restampUpdate(t.Update, attribute, region);
          if (Update !== t.Update) next = { ...t, Update };
        }
        if (next !== t) changed = true;
        return next;
      });
      return changed ? ({ ...i, TransactItems } as OperationMap[O][0]) : input;
    }
    default:
      return input;
  }
}

function restampItem<T>(item: Item | undefined, attribute: string, region: string, rebuild: (item: Item) => T, unchanged: T): T {
  const stamp = item?.[attribute];
  if (!stamp || stamp.S === undefined || stamp.S === region) return unchanged;
  return rebuild({ ...item, [attribute]: { S: region } });
}

function restampUpdate(update: Any, attribute: string, region: string): Any {
  const names = (update.ExpressionAttributeNames ?? {}) as Record<string, string>;
  const values = update.ExpressionAttributeValues as Item | undefined;
  const expression = update.UpdateExpression;
  if (!values || typeof expression !== 'string') return update;
  for (const placeholder of Object.keys(names)) {
    if (names[placeholder] !== attribute) continue;
    // `#n1 = :v1`, a whole path (not `#a.#n1`), followed by `=` (not `#n10`).
    const match = new RegExp(`(?:^|[\\s,])${placeholder.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*=\\s*(:[A-Za-z0-9_]+)`).exec(expression);
    const value = match ? values[match[1]!] : undefined;
    if (!value || value.S === undefined || value.S === region) return update;
    return { ...update, ExpressionAttributeValues: { ...values, [match![1]!]: { S: region } } };
  }
  return update;
}
