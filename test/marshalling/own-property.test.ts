import { describe, expect, it } from 'vitest';
import { copyOwn } from '../../src/marshalling/own-property.js';

describe('copyOwn', () => {
  it('copies own enumerable properties into a new object that can gain keys', () => {
    const source = { a: 1, b: { c: 2 } };
    const copy = copyOwn(source);
    copy.pk = 'x';
    expect(copy).toEqual({ a: 1, b: { c: 2 }, pk: 'x' });
    expect(source).toEqual({ a: 1, b: { c: 2 } });
    expect(copy.b).toBe(source.b); // shallow
  });

  it('keeps a __proto__ own key as an own key and leaves the prototype alone', () => {
    const source = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}') as Record<string, unknown>;
    const copy = copyOwn(source);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.keys(copy)).toEqual(['__proto__', 'a']);
    expect((copy as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it('skips inherited and non-enumerable properties, as a spread does', () => {
    const source = Object.create({ inherited: 1 }) as Record<string, unknown>;
    source.own = 2;
    Object.defineProperty(source, 'hidden', { value: 3, enumerable: false });
    expect(copyOwn(source)).toEqual({ ...source });
    expect(Object.keys(copyOwn(source))).toEqual(['own']);
  });
});
