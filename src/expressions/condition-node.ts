import type { AttributePath } from './attribute-path.js';

/**
 * Condition expressions as immutable data. Builders create nodes; one
 * compiler ({@link compileCondition}) turns them into expression text with
 * placeholders.
 */

/** Something a condition compares: an attribute, a literal value, or `size(attribute)`. */
export type Operand =
  | { readonly kind: 'path'; readonly path: AttributePath }
  | { readonly kind: 'value'; readonly value: unknown }
  | { readonly kind: 'size'; readonly path: AttributePath };

/** A comparison operator. */
export type ComparisonOperator = '=' | '<>' | '<' | '<=' | '>' | '>=';

/** DynamoDB's type descriptors for `attribute_type`. */
export type AttributeTypeName = 'S' | 'SS' | 'N' | 'NS' | 'B' | 'BS' | 'BOOL' | 'NULL' | 'L' | 'M';

/** A condition or filter, as a tree. */
export type ConditionNode =
  | { readonly kind: 'compare'; readonly op: ComparisonOperator; readonly left: Operand; readonly right: Operand }
  | { readonly kind: 'between'; readonly operand: Operand; readonly low: Operand; readonly high: Operand }
  | { readonly kind: 'in'; readonly operand: Operand; readonly values: readonly Operand[] }
  | { readonly kind: 'exists'; readonly path: AttributePath; readonly negated: boolean }
  | { readonly kind: 'type'; readonly path: AttributePath; readonly type: AttributeTypeName }
  | { readonly kind: 'beginsWith'; readonly path: AttributePath; readonly prefix: Operand }
  | { readonly kind: 'contains'; readonly path: AttributePath; readonly operand: Operand }
  | { readonly kind: 'and' | 'or'; readonly conditions: readonly ConditionNode[] }
  | { readonly kind: 'not'; readonly condition: ConditionNode };
