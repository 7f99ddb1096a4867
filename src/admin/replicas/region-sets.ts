/**
 * The Region sets multi-Region strong consistency may span: all three Regions
 * (replicas and witness) of an MRSC table come from one set.
 */
export const MRSC_REGION_SETS: Readonly<Record<'US' | 'EU' | 'AP', readonly string[]>> = {
  US: ['us-east-1', 'us-east-2', 'us-west-2'],
  EU: ['eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-central-1'],
  AP: ['ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3'],
};

/** The MRSC Region set a Region belongs to, or `undefined` when MRSC is not offered there. */
export function regionSetOf(region: string): 'US' | 'EU' | 'AP' | undefined {
  for (const [set, regions] of Object.entries(MRSC_REGION_SETS)) if (regions.includes(region)) return set as 'US' | 'EU' | 'AP';
  return undefined;
}
