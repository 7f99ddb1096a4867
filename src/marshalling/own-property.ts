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
