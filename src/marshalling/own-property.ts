/**
 * Sets `key` on `target` as a plain own, enumerable property. Plain
 * assignment of `'__proto__'` on an ordinary object calls the prototype
 * setter instead: the value vanishes, or becomes the object's prototype.
 * Every object tablewright builds from stored or user data goes through here
 * for that one key. @internal
 */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/**
 * A shallow copy of `source`'s own enumerable string-keyed properties (a
 * `__proto__` own key stays an own key). Use it instead of `{ ...source }`
 * when the copy gains properties afterwards: on V8 (Node 20) each property
 * added to an object made by spread takes a slow runtime path, about 1 µs a
 * property, while this copy adds them on cached transitions. @internal
 */
export function copyOwn(source: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const keys = Object.keys(source);
  for (let i = 0; i < keys.length; i++) setOwn(out, keys[i]!, (source as Record<string, unknown>)[keys[i]!]);
  return out;
}
