import { describe, expect, it } from 'vitest';
import { isTtlDeletion, recordKind } from '../../src/index.js';

// Shapes as documented by AWS (Lambda event and Streams API GetRecords).
const lambdaTtlRemove = {
  eventName: 'REMOVE',
  eventSource: 'aws:dynamodb',
  userIdentity: { type: 'Service', principalId: 'dynamodb.amazonaws.com' },
  dynamodb: { Keys: { pk: { S: 'CART#1' } }, OldImage: { pk: { S: 'CART#1' } } },
};
const streamsApiTtlRemove = { eventName: 'REMOVE', userIdentity: { Type: 'Service', PrincipalId: 'dynamodb.amazonaws.com' } };
const userRemove = { eventName: 'REMOVE', dynamodb: { Keys: { pk: { S: 'CART#1' } } } };
// What DynamoDB Local emits for its TTL deletions (measured): no REMOVE, no identity.
const localTtlRecord = { eventName: 'UNKNOWN_TO_SDK_VERSION', dynamodb: { OldImage: { pk: { S: 'CART#1' } } } };

describe('stream record kinds', () => {
  it('recognises AWS TTL deletions in both casings', () => {
    expect(isTtlDeletion(lambdaTtlRemove)).toBe(true);
    expect(isTtlDeletion(streamsApiTtlRemove)).toBe(true);
    expect(recordKind(lambdaTtlRemove)).toBe('expire');
    expect(recordKind(streamsApiTtlRemove)).toBe('expire');
  });

  it('keeps user deletes and other identities apart from expirations', () => {
    expect(recordKind(userRemove)).toBe('remove');
    expect(recordKind({ eventName: 'REMOVE', userIdentity: { type: 'Service', principalId: 'other.amazonaws.com' } })).toBe('remove');
    expect(recordKind({ eventName: 'REMOVE', userIdentity: { type: 'User', principalId: 'dynamodb.amazonaws.com' } })).toBe('remove');
    expect(recordKind({ eventName: 'MODIFY', userIdentity: { type: 'Service', principalId: 'dynamodb.amazonaws.com' } })).toBe('modify');
    expect(recordKind({ eventName: 'INSERT' })).toBe('insert');
  });

  it('does not mistake DynamoDB Local\'s TTL record shape for a user delete or an expiration', () => {
    expect(recordKind(localTtlRecord)).toBe('unknown');
    expect(isTtlDeletion(localTtlRecord)).toBe(false);
  });
});
