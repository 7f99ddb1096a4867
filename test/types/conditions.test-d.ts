import { expectTypeOf } from 'vitest';
import type { ConditionBuilder, ConditionNode } from '../../src/index.js';
import { Order } from './fixture.js';

type Item = NonNullable<Awaited<ReturnType<typeof Order.get>>>;
declare const c: ConditionBuilder<Item>;

// comparisons take the attribute's type
c.eq('status', 'open');
c.ne('total', 5);
c.lt('placedAt', new Date());
c.between('total', 1, 10);
c.in('status', ['open', 'shipped']);
c.eq('address.city', 'Oslo');
c.eq('lines[0].qty', 2);
c.eq('tags', new Set(['a']));
c.lt('total', c.attr('total'));
c.gt(c.size('tags'), 2);
c.eq(['address', 'city'], 'segment arrays are not typed by path');
expectTypeOf(c.eq('status', 'open')).toEqualTypeOf<ConditionNode>();

// @ts-expect-error a number on a string enum
c.eq('status', 5);
// @ts-expect-error a value outside the enum
c.eq('status', 'closed');
// @ts-expect-error a string on a number
c.gt('total', '5');
// @ts-expect-error undefined is not an operand (use notExists)
c.eq('note', undefined);
// @ts-expect-error a string on a nested number
c.eq('lines[0].qty', 'two');
// @ts-expect-error size() is a number
c.eq(c.size('tags'), 'two');
// @ts-expect-error between bounds have the attribute's type
c.between('total', 1, '10');
// @ts-expect-error in values have the attribute's type
c.in('status', ['open', 1]);
// @ts-expect-error unknown path
c.eq('nope', 1);

// beginsWith: strings, binaries, dates only
c.beginsWith('orderId', 'A');
c.beginsWith('placedAt', '2024-');
c.beginsWith('blob', new Uint8Array([1]));
// @ts-expect-error says: beginsWith applies to string and binary attributes; "total" is not one
c.beginsWith('total', '1');
// @ts-expect-error beginsWith on a set
c.beginsWith('tags', 'a');
// @ts-expect-error the prefix is a string
c.beginsWith('orderId', 1);

// contains: strings (substring), sets and lists (element)
c.contains('orderId', 'A');
c.contains('tags', 'vip');
c.contains('lines', { sku: 's', qty: 1 });
// @ts-expect-error says: contains applies to string, set and list attributes; "total" is not one
c.contains('total', 1);
// @ts-expect-error a set element has the set's element type
c.contains('tags', 1);
// @ts-expect-error a substring is a string
c.contains('orderId', 1);

// through the entity methods
void Order.query('primary', { orgId: 'o' }, { filter: (f) => f.and(f.eq('status', 'open'), f.gt('total', 1)) });
// @ts-expect-error filters are typed too
void Order.query('primary', { orgId: 'o' }, { filter: (f) => f.eq('status', 5) });
// @ts-expect-error conditions are typed too
void Order.delete({ orgId: 'o', orderId: 'a' }, { condition: (f) => f.beginsWith('total', '1') });

// sort conditions take the sort-key attributes' types
void Order.query('gsi1', { orgId: 'o', status: 'open' }, { sort: (k) => k.gt({ placedAt: new Date() }) });
// @ts-expect-error a string where the sort-key attribute is a Date
void Order.query('gsi1', { orgId: 'o', status: 'open' }, { sort: (k) => k.gt({ placedAt: '2024' }) });
// @ts-expect-error a number where the sort-key attribute is a string
void Order.query('primary', { orgId: 'o' }, { sort: (k) => k.beginsWith({ orderId: 1 }) });
