import { describe, expect, it } from 'vitest';
import { prepareGuardedUpdate } from '../../../src/actions/update/update.js';
import { ConfigurationError, ValidationError, type ConditionInput } from '../../../src/index.js';
import { Doc, Note, now } from '../fixture.js';

const names = (input: { ExpressionAttributeNames?: Record<string, string> | undefined }) => Object.values(input.ExpressionAttributeNames ?? {});

const onlyIfA = Note.condition((c) => c.eq('body', 'a')) as ConditionInput<unknown>;

describe('prepareGuardedUpdate', () => {
  it('folds in versioning, timestamps, the write token and the not-expired guard', () => {
    const { input, guard } = prepareGuardedUpdate(Doc.model, { id: 'a' }, { set: { title: 'new' } }, { expectedVersion: 5 }, false);
    expect(names(input)).toEqual(expect.arrayContaining(['title', 'updatedAt', 'createdAt', 'version', '_tok', '_et', 'ttl']));
    expect(guard).toMatchObject({ versioned: true, expectedVersion: 5 });
    expect(guard.token).toMatch(/^(\d+\.)?[\w-]{22}$/);
    expect(Object.values(input.ExpressionAttributeValues ?? {})).toEqual(
      expect.arrayContaining([{ N: '6' }, { N: '5' }, { N: String(Math.floor(now / 1000)) }, { S: new Date(now).toISOString() }]),
    );
  });

  it('refuses hand-written bookkeeping and a missing expectedVersion before any request', () => {
    expect(() => prepareGuardedUpdate(Doc.model, { id: 'a' }, { set: { title: 'x' } }, {}, false)).toThrow(ConfigurationError);
    expect(() => prepareGuardedUpdate(Doc.model, { id: 'a' }, { set: { version: 9 } }, { expectedVersion: 'any' }, false)).toThrow(ValidationError);
    expect(() => prepareGuardedUpdate(Doc.model, { id: 'a' }, { set: { updatedAt: new Date() } }, { expectedVersion: 'any' }, false)).toThrow(ValidationError);
  });

  it('gives a conditional update a write token, except in a transaction', () => {
    const direct = prepareGuardedUpdate(Note.model, { id: 'n' }, { set: { body: 'b' } }, { condition: onlyIfA }, false);
    expect(names(direct.input)).toContain('_tok');
    const transactional = prepareGuardedUpdate(Note.model, { id: 'n' }, { set: { body: 'b' } }, { condition: onlyIfA }, true);
    expect(names(transactional.input)).not.toContain('_tok');
    expect(transactional.guard.token).toBeUndefined();
  });
});
