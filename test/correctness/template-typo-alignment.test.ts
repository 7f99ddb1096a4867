import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigurationError, Table } from '../../src/index.js';
import { localClient } from '../helpers/local.js';

/**
 * The compile-time and the run-time template-typo checks agree on which
 * attributes a static segment may not mimic: every schema attribute, keyable
 * or not (a map, a set, an object). The type check flags a case-insensitive
 * twin; the run time flags that and near misses. `{ static }` states intent.
 */
const client = localClient();
const table = new Table({ name: 'typo_align', client, partitionKey: 'pk', sortKey: 'sk' });
const schema = z.object({
  id: z.string(),
  meta: z.record(z.string(), z.string()),
  tags: z.set(z.string()).optional(),
  address: z.object({ city: z.string() }).optional(),
});

const refusal = (fn: () => unknown): ConfigurationError => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigurationError);
    return e as ConfigurationError;
  }
  throw new Error('expected a ConfigurationError');
};

describe('template typos: types and run time flag the same attributes', () => {
  it('a case twin of a non-keyable attribute is a type error and a ConfigurationError', () => {
    // @ts-expect-error -- "META" is static text that looks like the attribute meta (a map)
    const e1 = refusal(() => table.entity('A1', { schema, keys: { primary: { pk: ['META', 'id'], sk: ['A'] } } }));
    expect(e1.message).toContain('"META"');
    expect(e1.message).toContain('"meta"');
    // @ts-expect-error -- "Tags" looks like the attribute tags (a set)
    refusal(() => table.entity('A2', { schema, keys: { primary: { pk: ['A', 'id'], sk: ['Tags'] } } }));
    // @ts-expect-error -- "ADDRESS" looks like the attribute address (an object)
    refusal(() => table.entity('A3', { schema, keys: { primary: { pk: ['ADDRESS', 'id'], sk: ['A'] } } }));
  });

  it('a near miss of a non-keyable attribute is refused at run time, as for keyable ones', () => {
    const e = refusal(() => table.entity('A4', { schema, keys: { primary: { pk: ['A', 'id'], sk: ['adress'] } } }));
    expect(e.message).toContain('"address"');
  });

  it('{ static } passes both checks', () => {
    const E = table.entity('A5', { schema, keys: { primary: { pk: [{ static: 'META' }, 'id'], sk: [{ static: 'Tags' }] } } });
    expect(E.toStored({ id: 'x', meta: {} }).pk).toBe('META#x');
  });

  it('a non-keyable attribute used in a template is still refused as such', () => {
    const e = refusal(() => table.entity('A6', { schema, keys: { primary: { pk: ['M', 'meta'], sk: ['A'] } } } as never));
    expect(e.message).toContain('cannot be part of a key');
  });
});
