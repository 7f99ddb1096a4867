import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConfigurationError, isRegionFailure, regionRouter } from '../../../src/index.js';
import { RegionHealthBook } from '../../../src/transport/region-router/region-health.js';
import { profileRequest } from '../../../src/transport/region-router/request-profile.js';
import { WriteRegionMemory } from '../../../src/transport/region-router/read-your-writes.js';

describe('request profiles: what is Region-local', () => {
  it('tells strong reads, conditional writes and transactions from the rest', () => {
    const key = { pk: { S: 'a' }, sk: { S: 'b' } };
    expect(profileRequest('GetItem', { TableName: 't', Key: key })).toMatchObject({ strongRead: false, write: false, items: [{ table: 't', attributes: key }] });
    expect(profileRequest('GetItem', { TableName: 't', Key: key, ConsistentRead: true }).strongRead).toBe(true);
    expect(profileRequest('Query', { TableName: 't', ConsistentRead: true })).toMatchObject({ strongRead: true, items: [] });
    expect(profileRequest('PutItem', { TableName: 't', Item: key })).toMatchObject({ write: true, conditional: false });
    expect(profileRequest('PutItem', { TableName: 't', Item: key, ConditionExpression: 'attribute_not_exists(pk)' }).conditional).toBe(true);
    expect(profileRequest('UpdateItem', { TableName: 't', Key: key, UpdateExpression: 'SET v = :v', ConditionExpression: '#v = :old' }).conditional).toBe(true);
    expect(profileRequest('TransactWriteItems', { TransactItems: [{ Put: { TableName: 't', Item: key } }, { ConditionCheck: { TableName: 'u', Key: key, ConditionExpression: 'x' } }] })).toMatchObject({
      transaction: true,
      items: [{ table: 't' }, { table: 'u' }],
    });
    expect(profileRequest('BatchWriteItem', { RequestItems: { t: [{ PutRequest: { Item: key } }, { DeleteRequest: { Key: key } }] } }).items).toHaveLength(2);
    expect(profileRequest('BatchGetItem', { RequestItems: { t: { Keys: [key], ConsistentRead: true } } }).strongRead).toBe(true);
  });
});

describe('Region failures', () => {
  it('connection errors and 5xx fail over; answers about the request do not', () => {
    expect(isRegionFailure(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isRegionFailure({ name: 'InternalServerError', $fault: 'server', $metadata: { httpStatusCode: 500 } })).toBe(true);
    expect(isRegionFailure({ name: 'TimeoutError' })).toBe(true);
    expect(isRegionFailure({ name: 'ConditionalCheckFailedException', $fault: 'client', $metadata: { httpStatusCode: 400 } })).toBe(false);
    expect(isRegionFailure({ name: 'ThrottlingException', $fault: 'client', $metadata: { httpStatusCode: 400 } })).toBe(false);
    expect(isRegionFailure({ name: 'AbortError' })).toBe(false);
    expect(isRegionFailure(undefined)).toBe(false);
  });
});

describe('fail-back hysteresis', () => {
  it('property: a down Region comes back only after healthyAfter consecutive good probes and minDownMs', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 0, max: 100 }),
        fc.array(fc.record({ ok: fc.boolean(), advance: fc.integer({ min: 0, max: 40 }) }), { maxLength: 30 }),
        (healthyAfter, minDownMs, probes) => {
          let now = 0;
          const book = new RegionHealthBook(['a', 'b'], { healthyAfter, minDownMs }, () => now);
          book.failed('a');
          expect(book.active()).toBe('b');
          let streak = 0;
          for (const p of probes) {
            now += p.advance;
            const wasHealthy = book.isHealthy('a');
            const change = p.ok ? book.probeSucceeded('a') : book.failed('a');
            if (wasHealthy) {
              if (!p.ok) {
                expect(change).toEqual({ kind: 'down', region: 'a' });
                streak = 0;
              }
              continue;
            }
            streak = p.ok ? streak + 1 : 0;
            if (change?.kind === 'up') {
              expect(streak).toBeGreaterThanOrEqual(healthyAfter);
              streak = 0;
            }
            if (!p.ok) expect(book.isHealthy('a')).toBe(false);
          }
        },
      ),
    );
  });

  it('the active Region is the first healthy one in preference order', () => {
    let now = 0;
    const book = new RegionHealthBook(['a', 'b', 'c'], { healthyAfter: 1, minDownMs: 10 }, () => now);
    book.failed('a');
    book.failed('b');
    expect(book.active()).toBe('c');
    now = 5;
    expect(book.probeSucceeded('b')).toBeUndefined(); // too early: minDownMs
    now = 10;
    expect(book.probeSucceeded('b')).toEqual({ kind: 'up', region: 'b' });
    expect(book.active()).toBe('b');
  });
});

describe('read-your-writes memory', () => {
  it('a put (whole item) and a get (key) of one item meet; the window ends', () => {
    let now = 0;
    const memory = new WriteRegionMemory(['pk', 'sk'], 100, () => now);
    memory.wrote([{ table: 't', attributes: { pk: { S: 'a' }, sk: { S: 'b' }, v: { N: '1' } } }], 'us-east-1');
    expect(memory.regionOf({ table: 't', attributes: { sk: { S: 'b' }, pk: { S: 'a' } } })).toBe('us-east-1');
    expect(memory.regionOf({ table: 'other', attributes: { pk: { S: 'a' }, sk: { S: 'b' } } })).toBeUndefined();
    now = 100;
    expect(memory.regionOf({ table: 't', attributes: { pk: { S: 'a' }, sk: { S: 'b' } } })).toBeUndefined();
  });
});

describe('router options are checked up front', () => {
  it('refuses no Regions, duplicates, missing clients and a bad window', () => {
    const client = { send: async () => ({}) } as never;
    expect(() => regionRouter({ regions: [] })).toThrow(ConfigurationError);
    expect(() => regionRouter({ regions: [{ region: 'a', client }, { region: 'a', client }] })).toThrow(/twice/);
    expect(() => regionRouter({ regions: [{ region: 'a', client: {} as never }] })).toThrow(/DynamoDBClient/);
    expect(() => regionRouter({ regions: [{ region: 'a', client }], readYourWrites: { windowMs: 0, keyAttributes: ['pk'] } })).toThrow(/readYourWrites/);
    expect(() => regionRouter({ regions: [{ region: 'a', client }], health: { healthyAfter: 0 } })).toThrow(/healthyAfter/);
  });
});
