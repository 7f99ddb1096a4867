import { describeInput, readingInput, thrownMessage } from '../errors/hostile-input.js';
import { ExpressionError } from '../errors.js';

/**
 * Attribute paths. A path is a list of segments: map keys (strings) and list
 * indexes (numbers). The string form `a.b[2].c` is parsed here; a name that
 * itself contains `.` or `[` is written as an array: `['a.b', 'c']`.
 */

/** One step into a document: a map key or a list index. */
export type PathSegment = string | number;

/** A parsed path, never empty. */
export type AttributePath = readonly [PathSegment, ...PathSegment[]];

/** Either the dotted string form or an explicit segment array. */
export type PathInput = string | readonly PathSegment[];

const cache = new Map<string, AttributePath>();

/** Parses `a.b[0].c` into `['a','b',0,'c']`. Cached: paths come from code, not data. */
export function parsePath(input: PathInput): AttributePath {
  if (typeof input !== 'string') {
    // Paths may come from untyped callers: anything but a string or a segment array (a proxy, a cycle …) is refused, never inspected further.
    return readingInput(
      () => segmentPath(input),
      (cause) => new ExpressionError(`An attribute path could not be read (${thrownMessage(cause)})`, input),
    );
  }
  const hit = cache.get(input);
  if (hit) return hit;
  const segments: PathSegment[] = [];
  const re = /([^.[\]]+)|\[(\d+)\]|(\.)/g;
  let expectName = true;
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(input))) {
    if (m.index !== last) throw new ExpressionError(`Cannot parse attribute path ${JSON.stringify(input)}`, input);
    last = re.lastIndex;
    if (m[1] !== undefined) {
      if (!expectName) throw new ExpressionError(`Cannot parse attribute path ${JSON.stringify(input)}`, input);
      segments.push(m[1]);
      expectName = false;
    } else if (m[2] !== undefined) {
      if (expectName) throw new ExpressionError(`Cannot parse attribute path ${JSON.stringify(input)}`, input);
      segments.push(Number(m[2]));
    } else {
      if (expectName) throw new ExpressionError(`Cannot parse attribute path ${JSON.stringify(input)}`, input);
      expectName = true;
    }
  }
  if (last !== input.length || expectName || segments.length === 0) {
    throw new ExpressionError(`Cannot parse attribute path ${JSON.stringify(input)}`, input);
  }
  const path = Object.freeze(segments) as unknown as AttributePath;
  if (cache.size < 10_000) cache.set(input, path);
  return path;
}

function segmentPath(input: readonly PathSegment[]): AttributePath {
  if (!Array.isArray(input) || input.length === 0 || typeof input[0] !== 'string') {
    throw new ExpressionError(`An attribute path is a string or an array starting with an attribute name, got ${describeInput(input)}`, input);
  }
  for (const s of input) {
    if (typeof s === 'number' && !(Number.isInteger(s) && s >= 0)) throw new ExpressionError(`Invalid list index ${s}`, input);
    if (typeof s === 'string' && s.length === 0) throw new ExpressionError('Attribute names cannot be empty', input);
    if (typeof s !== 'string' && typeof s !== 'number') throw new ExpressionError(`A path segment is a name or a list index, got ${describeInput(s)}`, input);
  }
  // Copied and frozen: nodes keep the path, and callers may reuse their array.
  return Object.freeze([...input]) as unknown as AttributePath;
}
