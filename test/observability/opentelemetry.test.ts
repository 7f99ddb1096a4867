import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import * as semconv from '@opentelemetry/semantic-conventions/incubating';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConditionFailedError, type Table } from '../../src/index.js';
import { spanAttributes, traceRequests } from '../../src/observability.js';
import { createTestTable, localClient } from '../helpers/local.js';

const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
const tracer = provider.getTracer('tablewright-test');

let table: Table<'gsi1'>;
let Doc: ReturnType<typeof define>;
const define = (t: Table<'gsi1'>) =>
  t.entity('Doc', {
    schema: z.object({ id: z.string(), status: z.string() }),
    keys: { primary: { pk: ['DOC', 'id'], sk: ['V'] }, gsi1: { pk: ['S', 'status'], sk: ['ID', 'id'] } },
  });

beforeAll(async () => {
  table = await createTestTable(localClient());
  Doc = define(table);
});

describe('OpenTelemetry spans from request events (real @opentelemetry/api + in-memory exporter)', () => {
  it('one CLIENT span per request named DynamoDB.<Operation>, with the DynamoDB semantic-convention attributes', async () => {
    exporter.reset();
    const stop = traceRequests(table, { tracer, capacity: 'INDEXES' });
    await Doc.put({ id: 'o1', status: 'open' });
    await Doc.query('gsi1', { status: 'open' });
    await Doc.get({ id: 'o1' }, { consistent: true });
    stop();
    await Doc.get({ id: 'o1' });
    const spans = exporter.getFinishedSpans();
    expect(spans.map((s) => s.name)).toEqual(['DynamoDB.PutItem', 'DynamoDB.Query', 'DynamoDB.GetItem']);
    for (const s of spans) {
      expect(s.kind).toBe(SpanKind.CLIENT);
      expect(s.attributes[semconv.ATTR_DB_SYSTEM]).toBe(semconv.DB_SYSTEM_VALUE_DYNAMODB);
      expect(s.attributes[semconv.ATTR_DB_SYSTEM_NAME]).toBe(semconv.DB_SYSTEM_NAME_VALUE_AWS_DYNAMODB);
      expect(s.attributes[semconv.ATTR_RPC_SYSTEM]).toBe('aws-api');
      expect(s.attributes[semconv.ATTR_AWS_DYNAMODB_TABLE_NAMES]).toEqual([table.name]);
      expect(s.attributes['tablewright.entity']).toBe('Doc');
      expect(s.status.code).toBe(SpanStatusCode.UNSET);
    }
    const [put, query, get] = spans;
    const capacity = JSON.parse((put!.attributes[semconv.ATTR_AWS_DYNAMODB_CONSUMED_CAPACITY] as string[])[0]!);
    expect(capacity).toMatchObject({ TableName: table.name, CapacityUnits: 2, GlobalSecondaryIndexes: { gsi1: { CapacityUnits: 1 } } });
    expect(query!.attributes[semconv.ATTR_AWS_DYNAMODB_INDEX_NAME]).toBe('gsi1');
    expect(query!.attributes[semconv.ATTR_AWS_DYNAMODB_COUNT]).toBe(1);
    expect(query!.attributes[semconv.ATTR_AWS_DYNAMODB_SCANNED_COUNT]).toBe(1);
    expect(get!.attributes[semconv.ATTR_AWS_DYNAMODB_CONSISTENT_READ]).toBe(true);
    expect(get!.attributes[semconv.ATTR_AWS_REQUEST_ID]).toEqual(expect.any(String));
  });

  it('a failed request: ERROR status, the exception and error.type', async () => {
    exporter.reset();
    const stop = traceRequests(table, { tracer });
    await expect(Doc.create({ id: 'o1', status: 'open' })).rejects.toBeInstanceOf(ConditionFailedError);
    stop();
    const span = exporter.getFinishedSpans().find((s) => s.name === 'DynamoDB.PutItem')!;
    expect(span.status.code).toBe(SpanStatusCode.ERROR);
    expect(span.attributes[semconv.ATTR_ERROR_TYPE]).toBe('ConditionFailedError');
    expect(span.events.map((e) => e.name)).toContain('exception');
    expect(span.duration[0] * 1e3 + span.duration[1] / 1e6).toBeGreaterThan(0);
  });

  it('refuses a missing tracer with ConfigurationError', () => {
    expect(() => traceRequests(table, { tracer: undefined as never })).toThrow(/tracer must be an OpenTelemetry Tracer/);
  });

  it('spanAttributes names a batch over two tables by both', () => {
    const attributes = spanAttributes({
      operation: 'BatchGetItem', table: 'a', tables: ['a', 'b'], entity: undefined, index: undefined, consistentRead: undefined,
      attempts: 2, startedAt: 0, latencyMs: 1, consumed: undefined, consumedCapacity: undefined, items: 3, scanned: undefined,
      unprocessed: 1, path: 'dax', region: 'eu-west-1', requestId: undefined, ok: true, error: undefined,
    });
    expect(attributes).toMatchObject({ 'aws.dynamodb.table_names': ['a', 'b'], 'tablewright.attempts': 2, 'tablewright.path': 'dax', 'cloud.region': 'eu-west-1', 'tablewright.unprocessed': 1 });
    expect('db.collection.name' in attributes).toBe(false);
  });
});
