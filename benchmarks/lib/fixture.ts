import { z } from 'zod';

/**
 * The item every row reads: 16 attributes (strings, numbers, a boolean, a
 * nested map, a list of 5 maps, a string set). Each library stores it in its
 * own shape (its own keys and bookkeeping attributes); every row checks once
 * that what it read back equals these values.
 */
export interface BenchItem {
  orgId: string;
  userId: string;
  name: string;
  email: string;
  age: number;
  score: number;
  active: boolean;
  status: 'active' | 'suspended';
  plan: string;
  bio: string;
  loginCount: number;
  createdAt: string;
  updatedAt: string;
  address: { street: string; city: string; zip: string; country: string };
  orders: Array<{ id: string; total: number; qty: number; sku: string }>;
  tags: Set<string>;
}

export const ITEM: BenchItem = {
  orgId: 'acme',
  userId: 'u-0001',
  name: 'Ada Lovelace',
  email: 'ada@acme.example',
  age: 36,
  score: 98.25,
  active: true,
  status: 'active',
  plan: 'enterprise',
  bio: 'Analyst and metaphysician; wrote the first published algorithm for a machine.',
  loginCount: 1843,
  createdAt: '2024-01-15T09:30:00.000Z',
  updatedAt: '2024-06-01T17:45:12.345Z',
  address: { street: '12 St James Square', city: 'London', zip: 'SW1Y 4JH', country: 'GB' },
  orders: [1, 2, 3, 4, 5].map((i) => ({ id: `o-${i}`, total: i * 10.5, qty: i, sku: `SKU-${1000 + i}` })),
  tags: new Set(['admin', 'beta', 'billing']),
};

/** The same schema for `raw-client-zod` and `tablewright`, so the validation work is identical. */
export const itemSchema = z.object({
  orgId: z.string(),
  userId: z.string(),
  name: z.string(),
  email: z.string(),
  age: z.number(),
  score: z.number(),
  active: z.boolean(),
  status: z.enum(['active', 'suspended']),
  plan: z.string(),
  bio: z.string(),
  loginCount: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  address: z.object({ street: z.string(), city: z.string(), zip: z.string(), country: z.string() }),
  orders: z.array(z.object({ id: z.string(), total: z.number(), qty: z.number(), sku: z.string() })),
  tags: z.set(z.string()),
});

export const ATTRIBUTE_NAMES = Object.keys(ITEM) as Array<keyof BenchItem>;

/** Normalises what a library returned (sets may come back as arrays) to compare with {@link ITEM}. */
export function normalise(value: unknown): unknown {
  if (value instanceof Set) return [...value].map(normalise).sort();
  if (Array.isArray(value)) return value.map(normalise);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) out[key] = normalise((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}

/** Throws unless `read` holds every attribute of {@link ITEM} with the same value. */
export function checkItem(row: string, read: unknown, setsAsArrays = false): void {
  if (!read || typeof read !== 'object') throw new Error(`${row}: read back ${String(read)} instead of the item`);
  const got = read as Record<string, unknown>;
  for (const name of ATTRIBUTE_NAMES) {
    const expected = JSON.stringify(normalise(ITEM[name]));
    const actual = JSON.stringify(normalise(got[name]));
    if (expected !== actual) throw new Error(`${row}: attribute ${name} is ${actual}, expected ${expected}`);
  }
  if (!setsAsArrays && !(got.tags instanceof Set)) throw new Error(`${row}: tags is not a Set`);
}
