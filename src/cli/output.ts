import { TablewrightError } from '../errors.js';
import { CliError, EXIT } from './cli-error.js';

/** Options every command understands. */
export interface GlobalOptions {
  readonly json?: boolean;
  readonly verbose?: boolean;
}

/** Where a command writes: stdout for results, stderr for progress and errors. */
export interface Output {
  readonly json: boolean;
  /** A result: JSON (one document) with `--json`, else the text. */
  result(value: unknown, text: string): void;
  /** A line of text for people (nothing with `--json`). */
  info(text: string): void;
}

export function output(options: GlobalOptions): Output {
  const json = options.json === true;
  return {
    json,
    result: (value, text) => process.stdout.write(json ? JSON.stringify(value, replacer) + '\n' : text.endsWith('\n') ? text : text + '\n'),
    info: (text) => {
      if (!json) process.stderr.write(text + '\n');
    },
  };
}

/** JSON for results: bigints as strings, errors by name and message. */
export function replacer(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Error) return { name: value.name, message: value.message };
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (value instanceof Set) return [...value];
  return value;
}

/** Reports a failure (a stack only with `--verbose`) and returns the exit code. */
export function reportError(error: unknown, options: GlobalOptions): number {
  const code = error instanceof CliError ? error.exitCode : EXIT.error;
  const name = error instanceof Error ? error.name : 'Error';
  const message = error instanceof Error ? error.message : String(error);
  if (options.json) {
    process.stdout.write(JSON.stringify({ error: { name, message, exitCode: code } }) + '\n');
  } else {
    const label = error instanceof CliError ? 'error' : error instanceof TablewrightError ? `error (${name})` : `error (${name})`;
    process.stderr.write(`tablewright: ${label}: ${message}\n`);
  }
  if (options.verbose && error instanceof Error && error.stack) process.stderr.write(error.stack + '\n');
  else if (!(error instanceof CliError) && !options.json) process.stderr.write('(run with --verbose for the stack trace)\n');
  return code;
}
