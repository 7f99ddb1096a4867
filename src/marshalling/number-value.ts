/**
 * True for the SDK's `NumberValue` (`@aws-sdk/lib-dynamodb` / `util-dynamodb`):
 * number text in an object. Checked by shape, like the SDK does, because
 * lib-dynamodb and util-dynamodb may each bring their own class. (Same test
 * as `isNumberValue` in limits/, kept here so marshalling imports nothing.)
 * @internal
 */
export function isNumberValue(value: unknown): value is { readonly value: string; toString(): string } {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value) as { constructor?: { name?: unknown } } | null;
  return proto?.constructor?.name === 'NumberValue' && typeof (value as { value?: unknown }).value === 'string';
}

/** Maps and lists nest at most 31 deep: 32 levels counting the item (DynamoDB's limit). @internal */
export const MAX_CONTAINER_DEPTH = 31;
