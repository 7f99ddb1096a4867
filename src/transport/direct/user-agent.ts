/** tablewright's version as reported in the user agent. Keep in step with package.json. @internal */
export const TABLEWRIGHT_VERSION = '0.1.0';

type UserAgentPair = readonly [string, string?] | readonly string[];

const NAME_ESCAPE = /[^!$%&'*+\-.^_`|~\w]/g;
const VALUE_ESCAPE = /[^!$%&'*+\-.^_`|~\w#]/g;

/** Formats one `[name, version]` pair the way the SDK's user-agent middleware does. */
function escapePair(pair: UserAgentPair): string {
  const name = (pair[0] ?? '')
    .split('/')
    .map((part) => part.replace(NAME_ESCAPE, '-'))
    .join('/');
  const version = pair[1]?.replace(VALUE_ESCAPE, '-');
  const slash = name.indexOf('/');
  const prefix = name.substring(0, slash);
  let uaName = name.substring(slash + 1);
  if (prefix === 'api') uaName = uaName.toLowerCase();
  return [prefix, uaName, version]
    .filter((item): item is string => Boolean(item && item.length > 0))
    .reduce((acc, item, index) => (index === 0 ? item : index === 1 ? `${acc}/${item}` : `${acc}#${item}`), '');
}

/** The two user-agent headers: the SDK's own sections plus `lib/tablewright#<version>`. @internal */
export interface UserAgentHeaders {
  readonly userAgent: string;
  readonly xAmzUserAgent: string;
}

/** Builds the user-agent headers once from the client's providers. @internal */
export async function resolveUserAgent(config: {
  defaultUserAgentProvider?: () => Promise<UserAgentPair[]>;
  customUserAgent?: UserAgentPair[] | string;
  userAgentAppId?: () => Promise<string | undefined>;
}): Promise<UserAgentHeaders> {
  const defaults = ((await config.defaultUserAgentProvider?.()) ?? []).map(escapePair);
  const tablewright = `lib/tablewright#${TABLEWRIGHT_VERSION}`;
  const custom = (typeof config.customUserAgent === 'string' ? [[config.customUserAgent]] : (config.customUserAgent ?? [])).map(escapePair);
  const appId = await config.userAgentAppId?.();
  const full = [...defaults, tablewright, ...custom];
  if (appId) full.push(escapePair(['app', appId]));
  return {
    userAgent: full.join(' '),
    xAmzUserAgent: [...defaults.filter((s) => s.startsWith('aws-sdk-')), tablewright, ...custom].join(' '),
  };
}
