import { TablewrightError } from '../../errors.js';

/** Why a line of an export data file was not turned into a record. */
export type ExportLineReason = 'malformed' | 'invalid-item' | 'unknown-entity';

/** One bad line of an export data file, with where it is. */
export interface ExportLineIssue {
  /** The data file's S3 key (or path in the folder). */
  readonly file: string;
  /** 1-based line number in the uncompressed file. */
  readonly line: number;
  /** Why the line was rejected. */
  readonly reason: ExportLineReason;
  /** What is wrong. */
  readonly message: string;
  /** The underlying error (a JSON syntax error, a `ValidationError` …). */
  readonly cause?: unknown;
}

/** A line of an export could not be read (thrown unless an `onInvalid` callback takes it). */
export class ExportLineError extends TablewrightError {
  override readonly name = 'ExportLineError';
  /** The data file key. */
  readonly file: string;
  /** 1-based line number. */
  readonly line: number;
  /** Why the line was rejected. */
  readonly reason: ExportLineReason;
  constructor(issue: ExportLineIssue) {
    super(`${issue.file}:${issue.line}: ${issue.reason}: ${issue.message}`, { cause: issue.cause });
    this.file = issue.file;
    this.line = issue.line;
    this.reason = issue.reason;
  }
}

/** A data or manifest file's MD5 does not match the manifest. */
export class ExportChecksumError extends TablewrightError {
  override readonly name = 'ExportChecksumError';
  /** The data file key. */
  readonly file: string;
  /** What the manifest says. */
  readonly expected: string;
  /** What was found. */
  readonly actual: string;
  constructor(file: string, expected: string, actual: string) {
    super(`${file}: MD5 ${actual} does not match the manifest's ${expected}; the file is corrupt or incomplete`);
    this.file = file;
    this.expected = expected;
    this.actual = actual;
  }
}

/** The export's manifest is missing, malformed, or of another kind than asked for. */
export class ExportManifestError extends TablewrightError {
  override readonly name = 'ExportManifestError';
  /** The manifest's key. */
  readonly key: string;
  constructor(key: string, message: string, options?: { cause?: unknown }) {
    super(`${key}: ${message}`, options);
    this.key = key;
  }
}
