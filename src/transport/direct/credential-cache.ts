import type { SigningCredentials } from './sigv4-signer.js';

/** The SDK refreshes identities this long before they expire (`EXPIRATION_MS`). */
const REFRESH_WINDOW_MS = 300_000;

type Provider = (options?: Record<string, unknown>) => Promise<SigningCredentials>;

/**
 * Holds the identity from the client's own (memoized) `config.credentials`
 * provider and asks it again exactly when the SDK would: when the identity
 * carries an `expiration` less than five minutes away, or when the client's
 * provider was replaced. Between those points the hot path reads a field
 * instead of awaiting three wrapper functions.
 * @internal
 */
export class CredentialCache {
  private current: SigningCredentials | undefined;
  private source: unknown;
  private pending: Promise<SigningCredentials> | undefined;

  constructor(private readonly config: { credentials?: unknown }) {}

  /** The identity to sign with; a plain value on the fast path. */
  get(): SigningCredentials | Promise<SigningCredentials> {
    const provider = this.config.credentials;
    const c = this.current;
    if (c !== undefined && provider === this.source && (c.expiration === undefined || c.expiration.getTime() - Date.now() >= REFRESH_WINDOW_MS)) {
      return c;
    }
    return (this.pending ??= this.fetch(provider));
  }

  private async fetch(provider: unknown): Promise<SigningCredentials> {
    try {
      const creds = typeof provider === 'function' ? await (provider as Provider)() : (provider as SigningCredentials | undefined);
      if (!creds || typeof creds.accessKeyId !== 'string' || typeof creds.secretAccessKey !== 'string') {
        throw new Error('Resolved credential object is not valid');
      }
      this.current = creds;
      this.source = provider;
      return creds;
    } finally {
      this.pending = undefined;
    }
  }
}
