import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { acceptsAbsent, isOptional } from '../../src/schema/zod-def.js';

describe('zod-def optionality helpers', () => {
  it('isOptional: only .optional() — defaulted fields parse absent values to their default', () => {
    expect(isOptional(z.string().optional())).toBe(true);
    expect(isOptional(z.string().default('x'))).toBe(false);
    expect(isOptional(z.set(z.string()).default(new Set(['a'])))).toBe(false);
    expect(isOptional(z.string())).toBe(false);
  });

  it('acceptsAbsent: optional or defaulted (the input may omit it)', () => {
    expect(acceptsAbsent(z.string().optional())).toBe(true);
    expect(acceptsAbsent(z.string().default('x'))).toBe(true);
    expect(acceptsAbsent(z.number().prefault(1))).toBe(true);
    expect(acceptsAbsent(z.string())).toBe(false);
    expect(acceptsAbsent(z.string().nullable())).toBe(false);
  });
});
