import { TablewrightError, ValidationError, type ValidationIssue } from '../errors.js';

/**
 * A value that cannot be converted to or from an AttributeValue, with its
 * path. Raised inside the marshallers and turned into a {@link ValidationError}
 * naming the entity at their boundary (a TablewrightError either way).
 * @internal
 */
export class UnstorableValue extends TablewrightError {
  override readonly name = 'UnstorableValue';
  readonly issue: ValidationIssue;
  constructor(path: readonly PropertyKey[], code: string, message: string) {
    super(`${path.length ? path.map(String).join('.') : '(root)'}: ${message}`);
    this.issue = { path: [...path], code, message };
  }
}

/** Where a marshalled value belongs, for the error message. @internal */
export interface MarshallContext {
  readonly entity?: string | undefined;
  readonly key?: Readonly<Record<string, unknown>> | undefined;
}

/**
 * Turns anything thrown while (un)marshalling into a {@link ValidationError}:
 * an {@link UnstorableValue} keeps its issue; anything else (a getter that
 * throws, a proxy trap) becomes an issue at `path`, the error kept as `cause`.
 * @internal
 */
export function marshallFailure(
  error: unknown,
  path: readonly PropertyKey[],
  direction: 'read' | 'write',
  context: MarshallContext = {},
): ValidationError {
  if (error instanceof ValidationError) return error;
  const issue: ValidationIssue =
    error instanceof UnstorableValue
      ? error.issue.path.length === 0 && path.length > 0
        ? { ...error.issue, path: [...path] }
        : error.issue
      : { path: [...path], code: 'unreadable_value', message: `reading the value threw: ${describe(error)}` };
  return new ValidationError({
    entity: context.entity ?? '(value)',
    key: context.key,
    issues: [issue],
    direction,
    cause: error,
  });
}

function describe(error: unknown): string {
  try {
    return error instanceof Error ? error.message : String(error);
  } catch {
    return 'an unprintable value';
  }
}
