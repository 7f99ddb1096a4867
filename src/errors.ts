/**
 * The error hierarchy. Every error tablewright throws is a {@link TablewrightError}
 * carrying structured fields; the AWS error, when there is one, is kept as `cause`.
 * One file per capability under `src/errors/`; this module is their single door.
 *
 * @module
 */
export * from './errors/core-errors.js';
export * from './errors/ttl-error.js';
export * from './errors/write-errors.js';
export * from './errors/transport-errors.js';
export * from './errors/limit-errors.js';
export * from './errors/cursor-error.js';
export * from './errors/stream-errors.js';
export * from './errors/schema-version-errors.js';
