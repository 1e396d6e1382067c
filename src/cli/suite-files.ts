import { readdirSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import type { PolicyGrammar, PolicyType } from '../model/policy-type.js';
import { parseIntentSuite } from '../testing/suite/parse-suite.js';
import type {
  IntentSuite,
  LoadedIntentSuite,
  LoadedIntentTest,
  OrgPathRefs,
  PathList,
  PolicyFileRef,
  PolicyRefs,
  SuiteIssue,
} from '../testing/suite/types.js';
import { CliError } from './errors.js';
import { pathKind, readText } from './files.js';
import { loadPolicyFolder, policySetOf, type LoadedPolicies, type PolicyFile } from './policy-folder.js';

/** The answer of {@link loadIntentSuiteFile}: the loaded suite, or the problems in the suite file. */
export type LoadSuiteResult =
  | { readonly ok: true; readonly suite: LoadedIntentSuite }
  | { readonly ok: false; readonly issues: readonly SuiteIssue[] };

/** Reads files once per run, however many tests name them. */
class PolicyReader {
  private readonly texts = new Map<string, string>();
  private readonly folders = new Map<string, LoadedPolicies>();

  constructor(private readonly cwd: string) {}

  /** A path as reports show it: relative to the working folder. */
  display(absolute: string): string {
    const rel = relative(this.cwd, absolute);
    return rel === '' ? '.' : rel;
  }

  text(absolute: string): string {
    let text = this.texts.get(absolute);
    if (text === undefined) {
      text = readText(absolute);
      this.texts.set(absolute, text);
    }
    return text;
  }

  folder(absolute: string): LoadedPolicies {
    let loaded = this.folders.get(absolute);
    if (loaded === undefined) {
      loaded = loadPolicyFolder(absolute);
      this.folders.set(absolute, loaded);
    }
    return loaded;
  }

  file(absolute: string, policyType: PolicyType, orgLevel?: string): PolicyFile {
    const grammar: PolicyGrammar = policyType;
    return {
      path: this.display(absolute),
      policyType,
      grammar,
      policyId: basename(absolute, '.json'),
      ...(orgLevel === undefined ? {} : { orgLevel }),
      text: this.text(absolute),
    };
  }

  /** A file stands for itself; a folder for its `*.json` files, in name order. */
  files(base: string, paths: PathList, policyType: PolicyType, orgLevel?: string): PolicyFile[] {
    const out: PolicyFile[] = [];
    for (const path of paths) {
      const absolute = resolve(base, path);
      const kind = pathKind(absolute);
      if (kind === 'missing')
        throw new CliError('file_not_found', `cannot read \`${this.display(absolute)}\`: no such file`, 2, absolute);
      if (kind === 'file') {
        out.push(this.file(absolute, policyType, orgLevel));
        continue;
      }
      const names = readdirSync(absolute)
        .filter((n) => n.endsWith('.json'))
        .sort();
      if (names.length === 0)
        throw new CliError('no_files', `\`${this.display(absolute)}\` holds no \`.json\` file`, 2, absolute);
      for (const name of names) out.push(this.file(join(absolute, name), policyType, orgLevel));
    }
    return out;
  }

  /** SCP or RCP levels: `<N>-<target>` subfolders of a folder, or levels listed in the suite. */
  levels(base: string, refs: OrgPathRefs, policyType: 'scp' | 'rcp'): PolicyFile[] {
    if (typeof refs !== 'string')
      return refs.flatMap((level) => this.files(base, level.policies, policyType, level.target));
    const absolute = resolve(base, refs);
    if (pathKind(absolute) !== 'folder') {
      throw new CliError(
        'invalid_layout',
        `\`${this.display(absolute)}\` should be a folder of \`<N>-<target>\` level folders`,
        2,
        absolute,
      );
    }
    const levels = readdirSync(absolute)
      .map((name) => ({ name, dash: name.indexOf('-') }))
      .filter(
        ({ name, dash }) =>
          dash > 0 && Number.isInteger(Number(name.slice(0, dash))) && pathKind(join(absolute, name)) === 'folder',
      )
      .sort(
        (a, b) => Number(a.name.slice(0, a.dash)) - Number(b.name.slice(0, b.dash)) || a.name.localeCompare(b.name),
      );
    if (levels.length === 0) {
      throw new CliError(
        'invalid_layout',
        `\`${this.display(absolute)}\` holds no level folder such as \`0-r-root\``,
        2,
        absolute,
      );
    }
    return levels.flatMap(({ name, dash }) => this.files(absolute, [name], policyType, name.slice(dash + 1)));
  }

  /** Every policy file a test's references name; types given explicitly replace the folder's. */
  resolve(base: string, refs: PolicyRefs): PolicyFile[] {
    const fromFolder = refs.folder === undefined ? [] : this.folder(resolve(base, refs.folder)).files;
    const explicit: PolicyFile[] = [];
    const replaced = new Set<PolicyType>();
    const add = (type: PolicyType, files: PolicyFile[]): void => {
      replaced.add(type);
      explicit.push(...files);
    };
    if (refs.identity) add('identity', this.files(base, refs.identity, 'identity'));
    if (refs.resource) add('resource', this.files(base, [refs.resource], 'resource'));
    if (refs.permissionsBoundary)
      add('permissionsBoundary', this.files(base, [refs.permissionsBoundary], 'permissionsBoundary'));
    if (refs.session) add('session', this.files(base, refs.session, 'session'));
    if (refs.vpcEndpoint) add('vpcEndpoint', this.files(base, refs.vpcEndpoint, 'vpcEndpoint'));
    if (refs.scp) add('scp', this.levels(base, refs.scp, 'scp'));
    if (refs.rcp) add('rcp', this.levels(base, refs.rcp, 'rcp'));
    const folderFiles = fromFolder.map((f) => ({ ...f, path: this.display(resolve(f.path)) }));
    return [...folderFiles.filter((f) => !replaced.has(f.policyType)), ...explicit];
  }
}

/**
 * Loads the policy files of a parsed suite, relative to the suite file. Throws a `CliError` naming the
 * path when a file or folder is missing or laid out wrongly.
 *
 * @param suite - a suite from `parseIntentSuite`
 * @param cwd - the working folder; reported paths are relative to it
 * @returns the suite with each test's policy set and the files it came from
 */
export function loadIntentSuite(suite: IntentSuite, cwd: string): LoadedIntentSuite {
  const reader = new PolicyReader(cwd);
  const base = dirname(resolve(cwd, suite.file));
  const tests = suite.tests.map((test): LoadedIntentTest => {
    const files = reader.resolve(base, test.policies);
    const policyFiles = files.map((f): PolicyFileRef => ({
      policyType: f.policyType,
      policyId: f.policyId,
      ...(f.orgLevel === undefined ? {} : { orgLevel: f.orgLevel }),
      file: f.path,
    }));
    return { ...test, policySet: policySetOf(files), policyFiles };
  });
  return { file: suite.file, ...(suite.title === undefined ? {} : { title: suite.title }), tests };
}

/**
 * Reads a suite file (JSON or YAML), checks it, and loads the policy files it names.
 *
 * @param path - the suite file, relative to `cwd` or absolute
 * @param cwd - the working folder
 * @returns the loaded suite, or the problems found in the suite file
 */
export function loadIntentSuiteFile(path: string, cwd: string): LoadSuiteResult {
  const absolute = resolve(cwd, path);
  const display = relative(cwd, absolute) || path;
  const parsed = parseIntentSuite(readText(absolute), display);
  if (!parsed.ok) return parsed;
  return { ok: true, suite: loadIntentSuite(parsed.suite, cwd) };
}
