import { closestName, editDistance } from '../errors/closest-name.js';
import { compileWildcard } from '../matching/wildcard.js';
import type { StepPattern } from './arn-format.js';
import {
  compileArnFormat,
  compileKeyTemplate,
  matchesText,
  compileResourcePattern,
  patternsOverlap,
} from './arn-format.js';
import type {
  Catalogue,
  CatalogueAction,
  CatalogueActionResource,
  CatalogueConditionKey,
  CatalogueSource,
} from '../model/catalogue.js';
import type { CatalogueData, CatalogueKeyRef, CatalogueServiceData } from './catalogue-data.js';

interface KeyTable {
  readonly exact: ReadonlyMap<string, CatalogueConditionKey>;
  readonly templates: readonly { readonly key: CatalogueConditionKey; readonly pattern: StepPattern }[];
}

interface ResourceTypeIndex {
  readonly resource: CatalogueActionResource;
  readonly format: StepPattern;
}

interface ServiceIndex {
  readonly prefix: string;
  readonly name: string;
  readonly actions: ReadonlyMap<string, CatalogueAction>;
  readonly actionList: readonly CatalogueAction[];
  readonly keys: KeyTable;
  /** Per action id (lower case): its resource types with their compiled formats. */
  readonly resourceTypes: ReadonlyMap<string, readonly ResourceTypeIndex[]>;
  /** Every resource type of the service, formats compiled. */
  readonly resourceList: readonly ResourceTypeIndex[];
  /** Per action id (lower case): the keys it supports. */
  readonly supportedKeyNames: ReadonlyMap<string, readonly string[]>;
  /** The same as key tables, each built on first use: most checks read a handful of actions. */
  readonly supportedKeyTables: Map<string, KeyTable>;
}

function supportedKeys(service: ServiceIndex, id: string): KeyTable | undefined {
  let table = service.supportedKeyTables.get(id);
  if (table === undefined) {
    const names = service.supportedKeyNames.get(id);
    if (names === undefined) return undefined;
    table = keyTable(names.map((name) => keyEntry(name, '', undefined)));
    service.supportedKeyTables.set(id, table);
  }
  return table;
}

function keyEntry(name: string, type: string, service: string | undefined): CatalogueConditionKey {
  return Object.freeze({
    name,
    type,
    multivalued: type.startsWith('ArrayOf'),
    ...(service === undefined ? {} : { service }),
  });
}

function keyTable(keys: Iterable<CatalogueConditionKey>): KeyTable {
  const exact = new Map<string, CatalogueConditionKey>();
  const templates: { key: CatalogueConditionKey; pattern: StepPattern }[] = [];
  for (const key of keys) {
    if (key.name.includes('${')) templates.push({ key, pattern: compileKeyTemplate(key.name) });
    else exact.set(key.name.toLowerCase(), key);
  }
  return { exact, templates };
}

function lookupKey(table: KeyTable, name: string): CatalogueConditionKey | undefined {
  const lower = name.toLowerCase();
  const exact = table.exact.get(lower);
  if (exact !== undefined) return exact;
  return table.templates.find((template) => matchesText(template.pattern, lower))?.key;
}

/**
 * `/` when another format of the service continues this one with `/` (the object format continues the bucket format):
 * the last variable then holds no `/` (CAT-4). Only `/`: Lambda's function format is continued with `:` by its alias
 * format, yet `lambda:InvokeFunction` names only the function type and accepts qualified ARNs.
 */
function excludedAfterLast(format: string, all: readonly string[]): string {
  return all.some((other) => other.length > format.length && other.startsWith(`${format}/`)) ? '/' : '';
}

function indexService(prefix: string, data: CatalogueServiceData): ServiceIndex {
  const serviceKeys = data.keys.map(([name, type]) => keyEntry(name, type, prefix));
  const keyName = (ref: CatalogueKeyRef): string => (typeof ref === 'number' ? (serviceKeys[ref]?.name ?? '') : ref);
  const formats = data.resources.map(([, arn]) => arn);
  const resources = data.resources.map(([name, arn, keys]) => ({
    name,
    arn,
    keys: keys.map(keyName),
    format: compileArnFormat(arn, excludedAfterLast(arn, formats)),
  }));
  const actions = new Map<string, CatalogueAction>();
  const resourceTypes = new Map<string, readonly ResourceTypeIndex[]>();
  const supportedKeyNames = new Map<string, readonly string[]>();
  for (const [name, accessLevel, actionResources, keys] of data.actions) {
    const id = `${prefix}:${name}`;
    const types: ResourceTypeIndex[] = [];
    const supported = new Set(keys.map(keyName));
    for (const [index, required, resourceKeys] of actionResources) {
      const resource = resources[index];
      if (resource === undefined) continue;
      types.push({
        resource: Object.freeze({ name: resource.name, arnFormat: resource.arn, required: required === 1 }),
        format: resource.format,
      });
      for (const key of resource.keys) supported.add(key);
      for (const key of resourceKeys ?? []) supported.add(keyName(key));
    }
    const action: CatalogueAction = Object.freeze({
      id,
      service: prefix,
      name,
      accessLevel,
      resourceTypes: Object.freeze(types.map((type) => type.resource)),
      conditionKeys: Object.freeze([...supported].filter((key) => key !== '')),
    });
    const lower = id.toLowerCase();
    actions.set(lower, action);
    resourceTypes.set(lower, types);
    supportedKeyNames.set(lower, action.conditionKeys);
  }
  return {
    prefix,
    name: data.name,
    actions,
    actionList: Object.freeze([...actions.values()]),
    keys: keyTable(serviceKeys),
    resourceTypes,
    resourceList: resources.map((resource) => ({
      resource: Object.freeze({ name: resource.name, arnFormat: resource.arn, required: false }),
      format: resource.format,
    })),
    supportedKeyNames,
    supportedKeyTables: new Map(),
  };
}

/** Splits `service:Action`; undefined without a colon. */
function splitAction(action: string): readonly [string, string] | undefined {
  const colon = action.indexOf(':');
  return colon < 0 ? undefined : [action.slice(0, colon), action.slice(colon + 1)];
}

/** How many (action, resource) answers a catalogue keeps: a bound, so that a stream of new ARNs cannot grow it. */
const MEMO_LIMIT = 4096;

/** The catalogue over its JSON data; each service is indexed on first use (the memo changes no answer). */
export class CatalogueIndex implements Catalogue {
  readonly source: CatalogueSource;
  readonly #data: CatalogueData;
  readonly #services = new Map<string, ServiceIndex>();
  readonly #prefixes: readonly string[];
  readonly #globalKeys: KeyTable;
  readonly #resourceTypesMemo = new Map<string, readonly CatalogueActionResource[]>();

  /** @internal Use `readCatalogue` or `awsCatalogue`: they check the data first. */
  constructor(data: CatalogueData) {
    this.#data = data;
    this.source = Object.freeze({ ...data.source });
    this.#prefixes = Object.freeze(Object.keys(data.services).sort());
    this.#globalKeys = keyTable(data.globalKeys.map(([name, type]) => keyEntry(name, type, undefined)));
  }

  #service(prefix: string): ServiceIndex | undefined {
    const lower = prefix.toLowerCase();
    let index = this.#services.get(lower);
    if (index === undefined) {
      if (!Object.hasOwn(this.#data.services, lower)) return undefined;
      const data = this.#data.services[lower];
      if (data === undefined) return undefined;
      index = indexService(lower, data);
      this.#services.set(lower, index);
    }
    return index;
  }

  /** Every service prefix, sorted. */
  get services(): readonly string[] {
    return this.#prefixes;
  }

  /** Whether the prefix names a service (case-insensitive). */
  hasService(prefix: string): boolean {
    return this.#service(prefix) !== undefined;
  }

  /** The service's name (`Amazon S3`). */
  serviceName(prefix: string): string | undefined {
    return this.#service(prefix)?.name;
  }

  /** The action `service:Action`, case-insensitive (G-22). */
  action(id: string): CatalogueAction | undefined {
    const parts = splitAction(id);
    if (parts === undefined) return undefined;
    return this.#service(parts[0])?.actions.get(id.toLowerCase());
  }

  /** The actions of one service, in the reference's order. */
  actionsOf(prefix: string): readonly CatalogueAction[] {
    return this.#service(prefix)?.actionList ?? [];
  }

  /**
   * The actions a pattern of the `Action` element covers: `s3:Get*`, `*:Delete*`, `*`. Case-insensitive, with `*` and
   * `?` as in policies (W-1, W-2).
   */
  expandActions(pattern: string): readonly CatalogueAction[] {
    if (pattern === '*') return this.#prefixes.flatMap((prefix) => this.actionsOf(prefix));
    const parts = splitAction(pattern);
    if (parts === undefined) return [];
    const matcher = compileWildcard(pattern, { caseInsensitive: true });
    const [servicePattern] = parts;
    const prefixes =
      servicePattern.includes('*') || servicePattern.includes('?')
        ? this.#prefixes.filter((prefix) => compileWildcard(servicePattern, { caseInsensitive: true }).test(prefix))
        : [servicePattern];
    return prefixes.flatMap((prefix) => this.actionsOf(prefix).filter((action) => matcher.test(action.id)));
  }

  /**
   * The nearest service prefix to a misspelt one, within an edit distance of 2: first a service that has the action
   * named after the colon, then the nearest, then the one sharing the longest start (`ecr2:GetAuthorizationToken` →
   * `ecr`, not `ec2`).
   */
  suggestService(prefix: string, actionName?: string): string | undefined {
    const lower = prefix.toLowerCase();
    if (lower.length > 40) return undefined;
    const shared = (candidate: string): number => {
      let n = 0;
      while (n < candidate.length && candidate[n] === lower[n]) n++;
      return n;
    };
    const ranked = this.#prefixes
      .filter((candidate) => Math.abs(candidate.length - lower.length) <= 2)
      .map((candidate) => ({ candidate, distance: editDistance(lower, candidate) }))
      .filter(({ distance }) => distance <= 2)
      .map(({ candidate, distance }) => ({
        candidate,
        distance,
        hasAction: actionName !== undefined && this.action(`${candidate}:${actionName}`) !== undefined,
        shared: shared(candidate),
      }))
      .sort(
        (a, b) =>
          Number(b.hasAction) - Number(a.hasAction) ||
          a.distance - b.distance ||
          b.shared - a.shared ||
          (a.candidate < b.candidate ? -1 : 1),
      );
    return ranked[0]?.candidate;
  }

  /** The nearest action to a misspelt one (`s3:GetObjects` → `s3:GetObject`), within its service, else across them. */
  suggestAction(id: string): string | undefined {
    const parts = splitAction(id);
    if (parts === undefined) return undefined;
    const [prefix, name] = parts;
    const service = this.#service(prefix) ?? this.#service(this.suggestService(prefix, name) ?? '');
    if (service === undefined) return undefined;
    const found = closestName(
      name,
      service.actionList.map((action) => action.name),
    );
    return found === undefined ? undefined : `${service.prefix}:${found}`;
  }

  /**
   * A condition key, global or service, case-insensitive (G-30); a key with a variable matches its instances
   * (`s3:BucketTag/team` finds `s3:BucketTag/${TagKey}`). Prefixes that are no service (`saml:`) are looked up in the
   * services that define them.
   */
  conditionKey(name: string): CatalogueConditionKey | undefined {
    const parts = splitAction(name);
    if (parts === undefined) return undefined;
    const prefix = parts[0].toLowerCase();
    if (prefix === 'aws') return lookupKey(this.#globalKeys, name);
    // A few service keys are global (`ec2:SourceInstanceArn` on every request signed with an instance's credentials).
    const global = this.#globalKeys.exact.get(name.toLowerCase());
    if (global !== undefined) return global;
    const services = this.#service(prefix) !== undefined ? [prefix] : (this.#keyPrefixServices(prefix) ?? []);
    for (const service of services) {
      const index = this.#service(service);
      const found = index === undefined ? undefined : lookupKey(index.keys, name);
      if (found !== undefined) return found;
    }
    return undefined;
  }

  #keyPrefixServices(prefix: string): readonly string[] | undefined {
    return Object.hasOwn(this.#data.keyPrefixes, prefix) ? this.#data.keyPrefixes[prefix] : undefined;
  }

  /** Whether the catalogue can say anything about keys of this prefix: a service, or a prefix a service defines. */
  knowsKeyPrefix(prefix: string): boolean {
    const lower = prefix.toLowerCase();
    return lower === 'aws' || this.hasService(lower) || this.#keyPrefixServices(lower) !== undefined;
  }

  /** The nearest known key to a misspelt service key, among the keys of its service. */
  suggestConditionKey(name: string): string | undefined {
    const parts = splitAction(name);
    if (parts === undefined) return undefined;
    const service = this.#service(parts[0]);
    if (service === undefined) return undefined;
    const names = [...service.keys.exact.values(), ...service.keys.templates.map((t) => t.key)].map((k) => k.name);
    return closestName(name, names);
  }

  /** Whether the action supports the key: one of its own keys or of its resource types (CAT-7). */
  actionSupportsKey(actionId: string, key: string): boolean {
    const parts = splitAction(actionId);
    if (parts === undefined) return false;
    const service = this.#service(parts[0]);
    const table = service === undefined ? undefined : supportedKeys(service, actionId.toLowerCase());
    return table !== undefined && lookupKey(table, key) !== undefined;
  }

  /** The action's resource types whose ARN format a request's ARN matches (CAT-4). */
  resourceTypesOf(actionId: string, arn: string): readonly CatalogueActionResource[] {
    // Evaluating a result asks this of every request: a request seen before is answered from a bounded memo.
    const key = `${actionId.toLowerCase()}\n${arn}`;
    const known = this.#resourceTypesMemo.get(key);
    if (known !== undefined) return known;
    const found = Object.freeze(
      this.#resourceTypeIndex(actionId)
        .filter((type) => matchesText(type.format, arn))
        .map((type) => type.resource),
    );
    if (this.#resourceTypesMemo.size >= MEMO_LIMIT) this.#resourceTypesMemo.clear();
    this.#resourceTypesMemo.set(key, found);
    return found;
  }

  /** Whether some ARN of one of the action's resource types could match a `Resource` pattern (CAT-4). */
  resourcePatternFits(actionId: string, pattern: string): boolean {
    if (pattern === '*') return true;
    const compiled = compileResourcePattern(pattern);
    return this.#resourceTypeIndex(actionId).some((type) => patternsOverlap(type.format, compiled));
  }

  classifyArn(arn: string): readonly { readonly service: string; readonly name: string; readonly arnFormat: string }[] {
    // `arn:partition:service:…`: the third field names the service.
    const service = this.#service(arn.split(':', 3)[2] ?? '');
    if (service === undefined) return [];
    return service.resourceList
      .filter((type) => matchesText(type.format, arn))
      .map((type) => ({ service: service.prefix, name: type.resource.name, arnFormat: type.resource.arnFormat }));
  }

  #resourceTypeIndex(actionId: string): readonly ResourceTypeIndex[] {
    const parts = splitAction(actionId);
    if (parts === undefined) return [];
    return this.#service(parts[0])?.resourceTypes.get(actionId.toLowerCase()) ?? [];
  }
}
