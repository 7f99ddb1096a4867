import { readingInput, thrownMessage } from '../errors/hostile-input.js';
import type { z } from 'zod';
import { ExpressionError, type ValidationIssue } from '../errors.js';
import { valueSize } from '../limits/value-size.js';
import { schemaAtPath } from '../schema/schema-at-path.js';
import type { AttributePath } from './attribute-path.js';
import type { ConditionNode, Operand } from './condition-node.js';
import { accepts, describeKinds, kindName, operandKind, schemaKinds, type OperandKind, type SchemaKinds } from './operand-kind.js';
import { compareValues } from './value-order.js';

/**
 * Condition operands are checked like written values, before any request:
 * the same value walk as put and update (number range and precision, empty
 * sets, unsupported instances, …) plus what only operands can get wrong
 * (`undefined`, invalid dates, mixed-kind sets). Where the entity's schema
 * declares the attribute at the operand's path, the operand must also be of
 * that attribute's kind (a number against a string enum matches nothing,
 * so it is refused). Every failure is an {@link ExpressionError} naming the
 * operator and the path.
 */

/** The entity a condition is checked against. Any `EntityModel` is one. @internal */
export interface ConditionTarget {
  readonly name: string;
  readonly shape: Readonly<Record<string, z.ZodType>>;
}

const TYPE_NAMES = new Set(['S', 'SS', 'N', 'NS', 'B', 'BS', 'BOOL', 'NULL', 'L', 'M']);
const ORDERED = new Set<OperandKind>(['string', 'number', 'binary', 'date']);
const NODE_KINDS = new Set(['compare', 'between', 'in', 'exists', 'type', 'beginsWith', 'contains', 'and', 'or', 'not']);

/** Per-shape cache of what each path accepts: paths come from code, so the cache stays small. */
const kindsCache = new WeakMap<object, Map<string, SchemaKinds | null>>();

function kindsAt(target: ConditionTarget | undefined, path: AttributePath): SchemaKinds | undefined {
  if (!target) return undefined;
  let byPath = kindsCache.get(target.shape);
  if (!byPath) kindsCache.set(target.shape, (byPath = new Map()));
  const id = path.join('\u0000');
  let hit = byPath.get(id);
  if (hit === undefined) {
    const found = schemaAtPath(target.shape, path);
    hit = (found && schemaKinds(found.declared)) ?? null;
    if (byPath.size < 1_000) byPath.set(id, hit);
  }
  return hit ?? undefined;
}

const display = (path: AttributePath) => path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');

class Checker {
  constructor(private readonly target: ConditionTarget | undefined) {}

  fail(operator: string, path: AttributePath | undefined, why: string, input: unknown, issues?: readonly ValidationIssue[]): never {
    const where = path ? ` on "${display(path)}"` : '';
    const who = this.target ? `${this.target.name}: ` : '';
    throw new ExpressionError(`${who}condition ${operator}${where}: ${why}`, input, {
      operator,
      ...(path && { path: display(path) }),
      ...(issues && { issues }),
    });
  }

  node(node: ConditionNode, depth: number): void {
    if (node === null || typeof node !== 'object' || !NODE_KINDS.has((node as { kind?: string }).kind as string)) {
      this.fail('(node)', undefined, `not a condition: ${describe(node)} (build conditions with the condition builder)`, node);
    }
    if (depth > 64) this.fail(node.kind, undefined, 'conditions nest at most 64 deep', node);
    switch (node.kind) {
      case 'compare': {
        const ordered = node.op !== '=' && node.op !== '<>';
        const opName = node.op;
        this.pair(opName, node.left, node.right, ordered);
        return;
      }
      case 'between':
        this.pair('BETWEEN', node.operand, node.low, true);
        this.pair('BETWEEN', node.operand, node.high, true);
        // DynamoDB refuses bounds of different types (a ValidationException after sending): refused here.
        if (node.low.kind === 'value' && node.high.kind === 'value') {
          const low = operandKind(node.low.value);
          const high = operandKind(node.high.value);
          if (low !== undefined && high !== undefined && low !== high) this.fail('BETWEEN', pathOf(node.operand), `bounds must be of one type, got ${kindName(low)} and ${kindName(high)}`, [node.low.value, node.high.value]);
          // and a low bound above the high one (it would match nothing anyway).
          if (low !== undefined && low === high && (compareValues(low, node.low.value, node.high.value) ?? 0) > 0) {
            this.fail('BETWEEN', pathOf(node.operand), 'the low bound is greater than the high bound (DynamoDB refuses it)', [node.low.value, node.high.value]);
          }
        }
        return;
      case 'in':
        if (!Array.isArray(node.values) || node.values.length === 0 || node.values.length > 100) {
          this.fail('IN', pathOf(node.operand), `takes 1 to 100 values, got ${describe(node.values)}`, node.values);
        }
        for (const v of node.values) this.pair('IN', node.operand, v, false);
        return;
      case 'exists':
        this.path(node.negated ? 'attribute_not_exists' : 'attribute_exists', node.path);
        return;
      case 'type':
        this.path('attribute_type', node.path);
        if (!TYPE_NAMES.has(node.type)) {
          this.fail('attribute_type', node.path, `${describe(node.type)} is not a DynamoDB type (S, SS, N, NS, B, BS, BOOL, NULL, L, M)`, node.type);
        }
        return;
      case 'beginsWith':
        this.beginsWith(node.path, node.prefix);
        return;
      case 'contains':
        this.contains(node.path, node.operand);
        return;
      case 'and':
      case 'or':
        if (!Array.isArray(node.conditions) || node.conditions.length === 0) {
          this.fail(node.kind, undefined, 'needs at least one condition', node);
        }
        for (const c of node.conditions) this.node(c, depth + 1);
        return;
      case 'not':
        this.node(node.condition, depth + 1);
        return;
    }
  }

  path(operator: string, path: unknown): asserts path is AttributePath {
    if (!Array.isArray(path) || path.length === 0 || typeof path[0] !== 'string') {
      this.fail(operator, undefined, `not an attribute path: ${describe(path)}`, path);
    }
  }

  operand(operator: string, o: Operand): void {
    if (o === null || typeof o !== 'object') this.fail(operator, undefined, `not an operand: ${describe(o)}`, o);
    if (o.kind === 'path' || o.kind === 'size') this.path(operator, o.path);
    else if (o.kind !== 'value') this.fail(operator, undefined, `not an operand: ${describe(o)}`, o);
  }

  /** `left op right`: the value side is checked against the attribute side's kind. */
  pair(operator: string, left: Operand, right: Operand, ordered: boolean): void {
    this.operand(operator, left);
    this.operand(operator, right);
    if (left.kind === 'value' && right.kind === 'value') {
      this.value(operator, undefined, left.value);
      this.value(operator, undefined, right.value);
      return;
    }
    const attr = left.kind === 'value' ? right : left;
    const value = left.kind === 'value' ? left : right;
    if (attr.kind === 'value' || value.kind !== 'value') return;
    const kind = this.value(operator, attr.path, value.value);
    if (ordered && !ORDERED.has(kind)) {
      this.fail(operator, attr.path, `compares only strings, numbers, binaries and dates, got ${kindName(kind)}`, value.value);
    }
    if (attr.kind === 'size') {
      if (kind !== 'number') this.fail(operator, attr.path, `size() is a number, got ${kindName(kind)}`, value.value);
      return;
    }
    this.expect(operator, attr.path, kindsAt(this.target, attr.path), kind, value.value);
  }

  beginsWith(path: AttributePath, prefix: Operand): void {
    this.path('begins_with', path);
    this.operand('begins_with', prefix);
    const declared = kindsAt(this.target, path);
    if (declared && !declared.kinds.has('string') && !declared.kinds.has('binary')) {
      this.fail('begins_with', path, `applies to strings and binaries; the attribute is ${describeKinds(declared)}`, prefix);
    }
    if (prefix.kind !== 'value') return;
    const kind = this.value('begins_with', path, prefix.value);
    if (kind !== 'string' && kind !== 'binary') this.fail('begins_with', path, `the prefix must be a string or binary, got ${kindName(kind)}`, prefix.value);
    if (declared) this.expect('begins_with', path, declared, kind, prefix.value);
  }

  contains(path: AttributePath, operand: Operand): void {
    this.path('contains', path);
    this.operand('contains', operand);
    const declared = kindsAt(this.target, path);
    if (declared && !['string', 'date', 'set', 'list'].some((k) => declared.kinds.has(k as OperandKind))) {
      this.fail('contains', path, `applies to strings, sets and lists; the attribute is ${describeKinds(declared)}`, operand);
    }
    if (operand.kind !== 'value') return;
    const kind = this.value('contains', path, operand.value);
    if (!declared) return;
    if (declared.kinds.has('string') || declared.kinds.has('date')) {
      if (kind !== 'string') this.fail('contains', path, `a substring must be a string, got ${kindName(kind)}`, operand.value);
    } else if (declared.element) {
      this.expect('contains', path, declared.element, kind, operand.value, 'an element');
    }
  }

  expect(operator: string, path: AttributePath, declared: SchemaKinds | undefined, kind: OperandKind, value: unknown, what = 'the attribute'): void {
    if (declared && !accepts(declared, kind)) {
      this.fail(operator, path, `${kindName(kind)} where ${what} is ${describeKinds(declared)} (it would match nothing)`, value);
    }
  }

  /** Checks one value as put would; returns its kind. */
  value(operator: string, path: AttributePath | undefined, value: unknown): OperandKind {
    const kind = operandKind(value);
    if (kind === undefined) {
      const hint = value === undefined ? ' (test for absence with notExists(path))' : '';
      this.fail(operator, path, `${typeof value === 'undefined' ? 'undefined' : `a ${typeof value}`} is not a value${hint}`, value);
    }
    const issues: ValidationIssue[] = [];
    const scratch: PropertyKey[] = [];
    operandIssues(value, scratch, issues, 0);
    if (issues.length === 0) valueSize(value, scratch, issues);
    if (issues.length) {
      const first = issues[0]!;
      const at = first.path.length ? ` at [${first.path.map(String).join('.')}]` : '';
      this.fail(operator, path, `${first.message}${at}`, value, issues);
    }
    return kind;
  }
}

/** What only operands get wrong (put values went through zod first): invalid dates, mixed sets, `undefined` in lists. */
function operandIssues(value: unknown, path: PropertyKey[], issues: ValidationIssue[], depth: number): void {
  if (value === null || typeof value !== 'object' || depth > 40) return;
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) issues.push({ path: [...path], code: 'invalid_date', message: 'an invalid Date cannot be compared' });
    return;
  }
  if (value instanceof Set) {
    const kinds = new Set<string>();
    for (const e of value) kinds.add(ArrayBuffer.isView(e) || e instanceof ArrayBuffer ? 'binary' : typeof e === 'bigint' ? 'number' : typeof e);
    if (kinds.size > 1) issues.push({ path: [...path], code: 'mixed_set', message: `a set holds one kind of element, got ${[...kinds].join(' and ')}` });
    return;
  }
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      // holes and undefined: the marshaller drops or trips over them, so the list would not be the one given
      if (value[i] === undefined) {
        issues.push({ path: [...path, i], code: 'undefined', message: 'lists cannot hold undefined or holes' });
        continue;
      }
      path.push(i);
      operandIssues(value[i], path, issues, depth + 1);
      path.pop();
    }
    return;
  }
  const entries: Iterable<[PropertyKey, unknown]> = value instanceof Map ? value.entries() : Object.entries(value);
  for (const [k, v] of entries) {
    if (typeof k !== 'string') {
      issues.push({ path: [...path], code: 'map_key', message: 'map keys must be strings' });
      continue;
    }
    path.push(k);
    operandIssues(v, path, issues, depth + 1);
    path.pop();
  }
}

const pathOf = (o: Operand | undefined): AttributePath | undefined => (o && typeof o === 'object' && o.kind !== 'value' ? o.path : undefined);

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value);
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (value === null || typeof value !== 'object') return String(typeof value === 'symbol' ? 'a symbol' : value);
  return `an object with kind ${JSON.stringify(String((value as { kind?: unknown }).kind))}`;
}

/**
 * Checks a condition tree before it is compiled. `target` adds the schema
 * checks; without it (collections span entities) operands are checked as
 * values only. @internal
 */
export function checkCondition(node: ConditionNode, target?: ConditionTarget): ConditionNode {
  readingInput(
    () => new Checker(target).node(node, 0),
    (cause) => new ExpressionError(`${target ? `${target.name}: ` : ''}a condition operand could not be read (${thrownMessage(cause)})`, node),
  );
  return node;
}
