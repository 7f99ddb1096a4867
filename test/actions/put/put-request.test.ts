import { unmarshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, it } from 'vitest';
import { preparePut } from '../../../src/actions/put/put-request.js';
import { Doc, Note, now } from '../fixture.js';

// preparePut folds the write extensions in without I/O.
describe('preparePut', () => {
  it('a versioned, stamped put requires the version read, stores the next, the stamps, the TTL and a write token', () => {
    const { input, guard, parsed } = preparePut(Doc.model, { id: 'a', title: 't', version: 3 }, undefined);
    const item = unmarshall(input.Item!);
    expect(item).toMatchObject({ pk: 'DOC#a', sk: 'DOC', _et: 'Doc', version: 4, ttl: Math.floor(now / 1000) + 86_400 });
    expect(item.updatedAt).toBe(new Date(now).toISOString());
    expect(item._tok).toMatch(/^(\d+\.)?[\w-]{22}$/);
    expect(guard).toEqual({ token: item._tok, versioned: true, expectedVersion: 3 });
    expect(parsed.version).toBe(4);
    expect(input.ConditionExpression).toMatch(/^#\w+ = :\w+$/);
    expect(input.ReturnValuesOnConditionCheckFailure).toBe('ALL_OLD');
  });

  it('in a transaction the put carries no write token', () => {
    const { input, guard } = preparePut(Doc.model, { id: 'a', title: 't' }, undefined, undefined, { transactional: true });
    expect(unmarshall(input.Item!)).not.toHaveProperty('_tok');
    expect(guard.token).toBeUndefined();
  });

  it('a put of an entity whose extensions have nothing to add sends no condition', () => {
    const { input, guard } = preparePut(Note.model, { id: 'n', body: 'b' }, undefined);
    expect(input.ConditionExpression).toBeUndefined();
    expect(guard).toMatchObject({ token: undefined, versioned: false });
  });
});
