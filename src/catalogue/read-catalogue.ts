import { appendPointer } from '../model/json-pointer.js';
import { CatalogueError } from '../errors/catalogue-error.js';
import type { CatalogueIssue } from '../errors/catalogue-error.js';
import type { Catalogue } from '../model/catalogue.js';
import { CatalogueIndex } from './catalogue.js';
import type { CatalogueData } from './catalogue-data.js';
import { CATALOGUE_FORMAT } from './catalogue-data.js';

const MAX_ISSUES = 100;
const KEY_TYPES: ReadonlySet<string> = new Set([
  'String',
  'ArrayOfString',
  'ARN',
  'ArrayOfARN',
  'Bool',
  'ArrayOfBool',
  'Numeric',
  'ArrayOfNumeric',
  'Date',
  'ArrayOfDate',
  'IPAddress',
  'ArrayOfIPAddress',
  'Binary',
  'ArrayOfBinary',
]);

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Collects the problems of one catalogue; stops adding past MAX_ISSUES. */
class Problems {
  readonly list: CatalogueIssue[] = [];
  add(pointer: string, message: string): void {
    if (this.list.length < MAX_ISSUES) this.list.push({ code: 'invalid_catalogue', pointer, message });
  }
  get full(): boolean {
    return this.list.length >= MAX_ISSUES;
  }
}

function checkKeyEntry(entry: unknown, at: string, problems: Problems): void {
  if (!Array.isArray(entry) || entry.length !== 2 || typeof entry[0] !== 'string' || typeof entry[1] !== 'string') {
    problems.add(at, 'a condition key is `[name, type]`');
  } else if (!KEY_TYPES.has(entry[1])) {
    problems.add(`${at}/1`, `\`${entry[1]}\` is no condition key type`);
  }
}

function checkKeyRefs(refs: unknown, keyCount: number, at: string, problems: Problems): void {
  if (!Array.isArray(refs)) {
    problems.add(at, 'condition keys are a list of key indexes or names');
    return;
  }
  refs.forEach((ref, i) => {
    const ok = typeof ref === 'string' || (Number.isInteger(ref) && (ref as number) >= 0 && (ref as number) < keyCount);
    if (!ok) problems.add(`${at}/${i}`, 'a condition key is an index into the service keys, or a name');
  });
}

function checkService(service: unknown, at: string, problems: Problems): void {
  if (!isObject(service)) {
    problems.add(at, 'a service is an object with `name`, `keys`, `resources` and `actions`');
    return;
  }
  if (typeof service['name'] !== 'string') problems.add(`${at}/name`, 'the service name is a string');
  const keys = Array.isArray(service['keys']) ? service['keys'] : undefined;
  if (keys === undefined) problems.add(`${at}/keys`, '`keys` is a list');
  keys?.forEach((entry, i) => checkKeyEntry(entry, `${at}/keys/${i}`, problems));
  const keyCount = keys?.length ?? 0;
  const resources = Array.isArray(service['resources']) ? service['resources'] : undefined;
  if (resources === undefined) problems.add(`${at}/resources`, '`resources` is a list');
  resources?.forEach((entry: unknown, i) => {
    const where = `${at}/resources/${i}`;
    if (!Array.isArray(entry) || entry.length !== 3 || typeof entry[0] !== 'string' || typeof entry[1] !== 'string') {
      problems.add(where, 'a resource type is `[name, ARN format, condition keys]`');
      return;
    }
    checkKeyRefs(entry[2], keyCount, `${where}/2`, problems);
  });
  const resourceCount = resources?.length ?? 0;
  const actions = Array.isArray(service['actions']) ? service['actions'] : undefined;
  if (actions === undefined) problems.add(`${at}/actions`, '`actions` is a list');
  actions?.forEach((entry: unknown, i) => {
    if (problems.full) return;
    const where = `${at}/actions/${i}`;
    if (!Array.isArray(entry) || entry.length !== 4 || typeof entry[0] !== 'string' || typeof entry[1] !== 'string') {
      problems.add(where, 'an action is `[name, access level, resource types, condition keys]`');
      return;
    }
    if (!Array.isArray(entry[2])) problems.add(`${where}/2`, 'resource types are a list');
    else
      entry[2].forEach((type: unknown, j) => {
        const ok =
          Array.isArray(type) &&
          (type.length === 2 || type.length === 3) &&
          Number.isInteger(type[0]) &&
          type[0] >= 0 &&
          type[0] < resourceCount &&
          (type[1] === 0 || type[1] === 1);
        if (!ok) problems.add(`${where}/2/${j}`, 'a resource type of an action is `[index, 0 or 1, keys?]`');
        else if (type.length === 3) checkKeyRefs(type[2], keyCount, `${where}/2/${j}/2`, problems);
      });
    checkKeyRefs(entry[3], keyCount, `${where}/3`, problems);
  });
}

/**
 * Reads a catalogue from its JSON (parsed), for example one built from newer data than the bundled copy
 * (docs/catalogue.md#your-own-catalogue), and checks every part of it first. Pass the result as `options.catalogue`.
 *
 * @param json - A parsed catalogue of the format `iam-policy-evaluator-catalogue/1`.
 * @returns The catalogue, ready for `evaluate`, `compile`, `parsePolicy` and `explain`.
 * @throws CatalogueError listing every problem when the JSON is no such catalogue.
 * @example
 * ```ts
 * import { readCatalogue } from 'iam-policy-evaluator';
 * const catalogue = readCatalogue({
 *   format: 'iam-policy-evaluator-catalogue/1',
 *   source: { name: 'my-data', version: '1', updatedAt: '2026-12-01T00:00:00Z' },
 *   globalKeys: [['aws:SourceIp', 'IPAddress']],
 *   keyPrefixes: {},
 *   services: {
 *     example: { name: 'Example', keys: [], resources: [['thing', 'arn:${Partition}:example:::thing/${Name}', []]], actions: [['Get', 'Read', [[0, 1]], []]] },
 *   },
 * });
 * catalogue.action('example:get')?.resourceTypes[0]?.name; //=> 'thing'
 * ```
 */
export function readCatalogue(json: unknown): Catalogue {
  const problems = new Problems();
  if (!isObject(json)) {
    problems.add('', 'a catalogue is a JSON object');
  } else {
    if (json['format'] !== CATALOGUE_FORMAT) {
      problems.add('/format', `the format is \`${String(json['format'])}\`, not \`${CATALOGUE_FORMAT}\``);
    }
    const source = json['source'];
    if (!isObject(source) || ['name', 'version', 'updatedAt'].some((field) => typeof source[field] !== 'string')) {
      problems.add('/source', '`source` is `{ name, version, updatedAt }`, all strings');
    }
    const globalKeys = json['globalKeys'];
    if (!Array.isArray(globalKeys)) problems.add('/globalKeys', '`globalKeys` is a list');
    else globalKeys.forEach((entry, i) => checkKeyEntry(entry, `/globalKeys/${i}`, problems));
    const keyPrefixes = json['keyPrefixes'];
    if (!isObject(keyPrefixes)) problems.add('/keyPrefixes', '`keyPrefixes` is an object');
    else
      for (const [prefix, services] of Object.entries(keyPrefixes)) {
        if (!Array.isArray(services) || services.some((service) => typeof service !== 'string'))
          problems.add(appendPointer('/keyPrefixes', prefix), 'a key prefix names a list of service prefixes');
      }
    const services = json['services'];
    if (!isObject(services)) problems.add('/services', '`services` is an object keyed by service prefix');
    else
      for (const [prefix, service] of Object.entries(services)) {
        if (prefix !== prefix.toLowerCase())
          problems.add(appendPointer('/services', prefix), 'service prefixes are lower case');
        checkService(service, appendPointer('/services', prefix), problems);
      }
  }
  const [first, ...rest] = problems.list;
  if (first !== undefined) throw new CatalogueError([first, ...rest]);
  // A copy: the caller may change its object later, and a catalogue never changes.
  return new CatalogueIndex(structuredClone(json) as unknown as CatalogueData);
}
