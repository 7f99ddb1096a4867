import { describe, expect, it } from 'vitest';
import { prepareDelete } from '../../../src/actions/delete/delete-request.js';
import { ConfigurationError, type ConditionInput } from '../../../src/index.js';
import { Doc, Note } from '../fixture.js';

describe('prepareDelete', () => {
  it('a version-locked delete needs expectedVersion, checks it, and skips it for "any"', () => {
    expect(() => prepareDelete(Doc.model, { id: 'a' }, undefined)).toThrow(ConfigurationError);
    const { input, guard } = prepareDelete(Doc.model, { id: 'a' }, undefined, { expectedVersion: 2 });
    expect(input).toMatchObject({ TableName: 'builders', Key: { pk: { S: 'DOC#a' }, sk: { S: 'DOC' } }, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' });
    expect(Object.values(input.ExpressionAttributeValues ?? {})).toEqual([{ N: '2' }]);
    expect(guard).toMatchObject({ versioned: true, expectedVersion: 2 });
    expect(prepareDelete(Doc.model, { id: 'a' }, undefined, { expectedVersion: 'any' }).input.ConditionExpression).toBeUndefined();
  });

  it('ANDs the caller condition with the extensions\' and leaves plain deletes unconditional', () => {
    const both = prepareDelete(Doc.model, { id: 'a' }, Doc.condition((c) => c.eq('title', 'x')) as ConditionInput<unknown>, { expectedVersion: 1 });
    expect(both.input.ConditionExpression).toMatch(/ AND /);
    expect(prepareDelete(Note.model, { id: 'n' }, undefined).input.ConditionExpression).toBeUndefined();
  });
});
