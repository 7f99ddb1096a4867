import { TablewrightError } from '../errors.js';

/**
 * Stable exit codes of the `tablewright` command (documented in
 * docs/migrations.md): scripts branch on them.
 */
export const EXIT = Object.freeze({
  /** Done; for `tables plan`/`apply`: the tables match the model. */
  ok: 0,
  /** Something failed (the message says what). */
  error: 1,
  /** Bad usage: unknown command or option, missing argument, a model without what the command needs. */
  usage: 2,
  /** `tables plan`/`apply`: drift exists (changes to make, or that remain). */
  drift: 3,
  /** `backfill`: it finished, but some items could not be rewritten. */
  incomplete: 4,
});

/** An error the CLI reports with its own exit code (usage mistakes). */
export class CliError extends TablewrightError {
  override readonly name = 'CliError';
  /** The exit code to end with. */
  readonly exitCode: number;
  constructor(message: string, exitCode: number = EXIT.usage) {
    super(message);
    this.exitCode = exitCode;
  }
}
