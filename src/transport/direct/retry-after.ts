/**
 * The server's retry hint (`x-amz-retry-after` in ms, or `retry-after` in
 * seconds or as an HTTP date), as the SDK's retry middleware reads it.
 * @internal
 */
export function retryAfterHint(headers: Record<string, string> | undefined): Date | undefined {
  if (!headers) return undefined;
  for (const header in headers) {
    const h = header.toLowerCase();
    const value = headers[header]!;
    if (h === 'retry-after') {
      let seconds = Number.NaN;
      if (value.endsWith('GMT')) seconds = (Date.parse(value) - Date.now()) / 1000;
      else if (/ GMT, ((\d+)|(\d+\.\d+))$/.test(value)) seconds = Number(value.match(/ GMT, ([\d.]+)$/)?.[1]);
      else if (/^((\d+)|(\d+\.\d+))$/.test(value)) seconds = Number(value);
      else if (Date.parse(value) >= Date.now()) seconds = (Date.parse(value) - Date.now()) / 1000;
      return Number.isNaN(seconds) ? undefined : new Date(Date.now() + seconds * 1000);
    }
    if (h === 'x-amz-retry-after') {
      const ms = Number(value);
      return Number.isNaN(ms) ? undefined : new Date(Date.now() + ms);
    }
  }
  return undefined;
}
