import type { Catalogue, CatalogueActionResource } from '../model/catalogue.js';

/**
 * The resource types an action acts on, for a message: `bucket \`arn:${Partition}:s3:::${BucketName}\`` and the like,
 * the first three, then how many more.
 */
export function describeResourceTypes(types: readonly CatalogueActionResource[]): string {
  const shown = types.slice(0, 3).map((type) => `${type.name} \`${type.arnFormat}\``);
  const more = types.length - shown.length;
  return more > 0 ? `${shown.join(', ')} or ${more} more resource types` : shown.join(' or ');
}

/**
 * The classic slip, an object pattern for a bucket action (CAT-4): the first of the patterns that fits the action once
 * its trailing `/*` is dropped, when that is not already one of them.
 */
export function fitWithoutTrailingWildcard(
  catalogue: Catalogue,
  actionId: string,
  patterns: readonly string[],
): string | undefined {
  const trimmed = patterns
    .filter((pattern) => pattern.endsWith('/*'))
    .map((pattern) => pattern.slice(0, -'/*'.length))
    .find((pattern) => catalogue.resourcePatternFits(actionId, pattern));
  return trimmed !== undefined && !patterns.includes(trimmed) ? trimmed : undefined;
}
