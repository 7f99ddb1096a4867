// Declarations the README, docs and TSDoc examples may assume without defining them.
// A snippet that defines or imports a name itself shadows the one declared here
// (each snippet is a module; this file is a global script).
type TW = typeof import('../../src/index.js');
type Zod = typeof import('zod');
type Obj<S extends import('zod').ZodRawShape> = import('zod').ZodObject<S>;
type AnEntity<S extends import('zod').ZodRawShape, K extends Record<string, unknown>, N extends string = string> = import('../../src/index.js').Entity<N, Obj<S>, K & any>;
type Str = import('zod').ZodString;
type Num = import('zod').ZodNumber;
type Opt<T extends import('zod').ZodType> = import('zod').ZodOptional<T>;

declare const z: Zod['z'];
declare const Table: TW['Table'];
declare const directTransport: TW['directTransport'];
declare const transactWrite: TW['transactWrite'];
declare const transactGet: TW['transactGet'];
declare const batchGet: TW['batchGet'];
declare const batchWrite: TW['batchWrite'];
declare const writeIdempotently: TW['writeIdempotently'];
declare const startDynamoDBLocal: typeof import('../../src/testing/index.js')['startDynamoDBLocal'];

declare const client: import('@aws-sdk/client-dynamodb').DynamoDBClient;
declare const table: import('../../src/index.js').Table<'byStatus' | 'gsi1'>;

declare const Order: AnEntity<
  {
    orgId: Str;
    orderId: Str;
    total: Num;
    status: import('zod').ZodEnum<{ open: 'open'; shipped: 'shipped' }>;
    placedAt: import('zod').ZodDate;
    tags: Opt<import('zod').ZodSet<Str>>;
    meta: Opt<import('zod').ZodRecord<Str, Str>>;
    shipping: Opt<Num>;
  },
  {
    primary: { pk: ['ORG', 'orgId']; sk: ['ORDER', 'orderId'] };
    byStatus: { pk: ['ORG', 'orgId', 'STATUS', 'status']; sk: ['AT', 'placedAt'] };
  },
  'Order'
>;
declare const User: AnEntity<
  {
    orgId: Str;
    userId: Str;
    name: Str;
    status: Opt<Str>;
    nickname: Opt<Str>;
    logins: Opt<Num>;
    tags: Opt<import('zod').ZodSet<Str>>;
    profile: Obj<{ city: Opt<Str> }>;
    history: Opt<import('zod').ZodArray<Obj<{ at: import('zod').ZodDate; what: Str }>>>;
  },
  { primary: { pk: ['ORG', 'orgId']; sk: ['USER', 'userId'] } }
>;
declare const Org: AnEntity<{ orgId: Str; name: Str }, { primary: { pk: ['ORG', 'orgId']; sk: ['ORG'] } }>;
declare const Account: AnEntity<{ id: Str; balance: Num }, { primary: { pk: ['ACCOUNT', 'id']; sk: ['ACCOUNT'] } }>;
declare const Ledger: AnEntity<{ id: Str; from: Str; to: Str; amount: Num }, { primary: { pk: ['LEDGER', 'id']; sk: ['LEDGER'] } }>;
declare const Counter: AnEntity<{ id: Str; hits: Num }, { primary: { pk: ['COUNTER', 'id']; sk: ['COUNTER'] } }>;

declare const order: import('zod').input<typeof Order.schema>;
declare const newOrder: import('zod').input<typeof Order.schema>;
declare const orders: import('zod').input<typeof Order.schema>[];
declare const o2: import('zod').input<typeof Order.schema>;
declare const keys: { orgId: string; orderId: string }[];
declare const key: { orgId: string; orderId: string };
declare const orgId: string;
declare const userId: string;
declare const may1: Date;
declare const may31: Date;
declare const k1: { orgId: string; userId: string };
declare const k2: { orgId: string; userId: string };
declare const from: string;
declare const to: string;
declare const amount: number;
declare const transferId: string;
declare function handle(items: readonly unknown[]): void;
declare function migrate(items: readonly unknown[]): void;

// Free functions (tablewright) and the streams entry, for TSDoc examples beside their definitions.
declare const getItem: TW['getItem'];
declare const putItem: TW['putItem'];
declare const createItem: TW['createItem'];
declare const updateItem: TW['updateItem'];
declare const deleteItem: TW['deleteItem'];
declare const query: TW['query'];
declare const extendExpiry: TW['extendExpiry'];
declare const removeExpiry: TW['removeExpiry'];
declare const putOp: TW['putOp'];
declare const deleteOp: TW['deleteOp'];
declare const updateOp: TW['updateOp'];
declare const conditionOp: TW['conditionOp'];
declare const getOp: TW['getOp'];
type Streams = typeof import('../../src/streams.js');
declare const streamDecoder: Streams['streamDecoder'];
declare const dynamoDBStreamHandler: Streams['dynamoDBStreamHandler'];
declare const streamRecordHandler: Streams['streamRecordHandler'];

declare const Customer: AnEntity<{ customerId: Str; name: Str; email: Opt<Str> }, { primary: { pk: ['CUSTOMER', 'customerId']; sk: ['CUSTOMER'] } }, 'Customer'>;
declare const Cart: AnEntity<{ cartId: Str; items: Num }, { primary: { pk: ['CART', 'cartId']; sk: ['CART'] } }>;
declare const cartId: string;
declare const Doc: AnEntity<{ id: Str; body: Str; version: Opt<Num> }, { primary: { pk: ['DOC', 'id']; sk: ['DOC'] } }>;
declare const exported: import('zod').input<typeof Doc.schema>[];
declare const decoder: import('../../src/streams.js').StreamDecoder<typeof Order | typeof Customer, 'NEW_AND_OLD_IMAGES'>;
declare const callbacks: import('../../src/streams.js').StreamCallbacks<typeof Order | typeof Customer, 'NEW_AND_OLD_IMAGES'>;
declare const record: import('../../src/streams.js').ChangeRecordInput;
declare const id: string;
declare const message: { id: string; body: string };
declare const east: import('@aws-sdk/client-dynamodb').DynamoDBClient;
declare const west: import('@aws-sdk/client-dynamodb').DynamoDBClient;
declare const log: { info(...values: unknown[]): void };
/** A downstream system a stream handler feeds (a search index, an audit log, a CRM). */
interface Sink {
  add(...values: unknown[]): Promise<void>;
  update(...values: unknown[]): Promise<void>;
  delete(...values: unknown[]): Promise<void>;
  expired(...values: unknown[]): Promise<void>;
  sync(...values: unknown[]): Promise<void>;
}
declare const search: Sink;
declare const index: Sink;
declare const audit: Sink;
declare const crm: Sink;
