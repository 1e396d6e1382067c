import { compileCondition } from '../conditions/evaluate-condition.js';
import type { Issue } from '../errors/issue.js';
import { PolicyValidationError } from '../errors/policy-validation-error.js';
import { compileActionElement } from '../matching/action.js';
import { compileFastResource } from './fast-resource.js';
import { preparePrincipalValue } from './prepare-principal.js';
import { compileResourceMatcher } from '../matching/resource.js';
import type { StatementRef } from '../model/evaluation-result.js';
import type { NormalizedPolicy, NormalizedStatement } from '../model/normalized-policy.js';
import type { PolicyGrammar, PolicyType } from '../model/policy-type.js';
import type { OrgLevel, PolicySet, PolicySource } from '../model/request.js';
import { normalizePolicy } from '../normalizer/normalize-policy.js';
import { parsePolicy } from '../parser/parse-policy.js';
import type { CompiledOrgLevel, CompiledPolicy, LoadedPolicySet, CompiledStatement } from './loaded-policy-set.js';

/** How a policy set is compiled. */
export interface LoadPolicySetOptions {
  /**
   * The grammar of `policies.resource`: `roleTrust` when the request's resource is an IAM role, whose only
   * resource-based policy is its trust policy (IAM-SEMANTICS E-8, EV-2). Default `resource`.
   */
  readonly resourceGrammar?: 'resource' | 'roleTrust';
  /**
   * How one policy source is loaded; default {@link compilePolicySource}. The weak cache of src/compile passes its
   * own, which returns the same compiled policy for a source it has seen.
   */
  readonly compileSource?: PolicySourceCompiler;
}

/** One policy source compiled, or the issues that stop it. */
export type CompiledPolicySource =
  { readonly ok: true; readonly policy: CompiledPolicy } | { readonly ok: false; readonly issues: readonly Issue[] };

/** Loads one policy source with a grammar; `orgLevel` names the SCP or RCP level it is attached to. */
export type PolicySourceCompiler = (
  source: PolicySource,
  grammar: PolicyGrammar,
  orgLevel: string | undefined,
) => CompiledPolicySource;

function statementRef(
  policy: NormalizedPolicy,
  statement: NormalizedStatement,
  orgLevel: string | undefined,
): StatementRef {
  const ref: StatementRef = {
    policyType: policy.policyType,
    policyId: policy.policyId,
    statementIndex: statement.index,
    line: statement.span.line,
    column: statement.span.column,
    ...(statement.sid === undefined || statement.sid === '' ? {} : { sid: statement.sid }),
    ...(orgLevel === undefined ? {} : { orgLevel }),
  };
  return Object.freeze(ref);
}

function compileStatement(
  policy: NormalizedPolicy,
  statement: NormalizedStatement,
  orgLevel: string | undefined,
): CompiledStatement {
  const resourceVariableKeys: string[] = [];
  for (const pattern of statement.resource?.patterns ?? []) {
    for (const part of pattern.template.parts) {
      if (part.kind === 'variable' && !resourceVariableKeys.some((key) => key.toLowerCase() === part.key)) {
        resourceVariableKeys.push(part.name);
      }
    }
  }
  const action = compileActionElement(statement.action);
  const resource = statement.resource === undefined ? undefined : compileResourceMatcher(statement.resource.patterns);
  const compiled: CompiledStatement = {
    statement,
    ref: statementRef(policy, statement, orgLevel),
    action,
    ...(statement.resource === undefined || resource === undefined
      ? {}
      : { resource, resourceTest: compileFastResource(statement.resource, resource) }),
    principalValues: Object.freeze((statement.principal?.values ?? []).map(preparePrincipalValue)),
    inert: action.inert || statement.resource?.patterns.length === 0 || statement.principal?.values.length === 0,
    resourceVariableKeys: Object.freeze(resourceVariableKeys),
    conditions: Object.freeze(statement.conditions.map((entry) => compileCondition(entry))),
  };
  return Object.freeze(compiled);
}

/** Loads, validates, normalizes and compiles one policy source; never throws for a policy with errors. */
export function compilePolicySource(
  source: PolicySource,
  grammar: PolicyGrammar,
  orgLevel: string | undefined,
): CompiledPolicySource {
  const { awsManaged } = source;
  const result = parsePolicy(source.document, {
    policyType: grammar,
    policyId: source.id,
    ...(awsManaged === undefined ? {} : { awsManaged }),
  });
  if (!result.ok) return { ok: false, issues: result.issues };
  const policy = normalizePolicy(result.policy);
  const statements = Object.freeze(policy.statements.map((statement) => compileStatement(policy, statement, orgLevel)));
  const compiled: CompiledPolicy = {
    policyType: policy.policyType,
    policyId: policy.policyId,
    ...(orgLevel === undefined ? {} : { orgLevel }),
    policy,
    statements,
  };
  return { ok: true, policy: Object.freeze(compiled) };
}

/** Collects every issue of every policy, so one error reports them all. */
class PolicyLoader {
  readonly issues: Issue[] = [];

  constructor(private readonly compileSource: PolicySourceCompiler) {}

  load(source: PolicySource, grammar: PolicyGrammar, orgLevel?: string): CompiledPolicy | undefined {
    const result = this.compileSource(source, grammar, orgLevel);
    if (!result.ok) {
      this.issues.push(...result.issues);
      return undefined;
    }
    return result.policy;
  }

  loadAll(sources: readonly PolicySource[] | undefined, grammar: PolicyType): readonly CompiledPolicy[] {
    const loaded: CompiledPolicy[] = [];
    for (const source of sources ?? []) {
      const policy = this.load(source, grammar);
      if (policy !== undefined) loaded.push(policy);
    }
    return Object.freeze(loaded);
  }

  loadLevels(levels: readonly OrgLevel[] | undefined, grammar: 'scp' | 'rcp'): readonly CompiledOrgLevel[] {
    const loaded: CompiledOrgLevel[] = [];
    for (const level of levels ?? []) {
      const policies: CompiledPolicy[] = [];
      for (const source of level.policies) {
        const policy = this.load(source, grammar, level.target);
        if (policy !== undefined) policies.push(policy);
      }
      loaded.push(Object.freeze({ target: level.target, policies: Object.freeze(policies) }));
    }
    return Object.freeze(loaded);
  }
}

/**
 * Loads, validates, normalizes and compiles every policy of a set once. Every policy is checked before anything is
 * returned, so the error carries every issue of every policy.
 *
 * @throws PolicyValidationError when any policy has an error; its `issues` hold the issues of every failing policy
 *   (its `policyId` names the first of them).
 */
export function loadPolicySet(policies: PolicySet, options: LoadPolicySetOptions = {}): LoadedPolicySet {
  const resourceGrammar = options.resourceGrammar ?? 'resource';
  const loader = new PolicyLoader(options.compileSource ?? compilePolicySource);
  const identity = loader.loadAll(policies.identity, 'identity');
  const resource = policies.resource === undefined ? undefined : loader.load(policies.resource, resourceGrammar);
  const permissionsBoundary =
    policies.permissionsBoundary === undefined
      ? undefined
      : loader.load(policies.permissionsBoundary, 'permissionsBoundary');
  const session = loader.loadAll(policies.session, 'session');
  const serviceControlPolicies = loader.loadLevels(policies.serviceControlPolicies, 'scp');
  const resourceControlPolicies = loader.loadLevels(policies.resourceControlPolicies, 'rcp');
  const vpcEndpoint = loader.loadAll(policies.vpcEndpoint, 'vpcEndpoint');
  const [firstIssue, ...otherIssues] = loader.issues;
  if (firstIssue !== undefined) throw new PolicyValidationError(firstIssue.policyId, [firstIssue, ...otherIssues]);
  const compiled: LoadedPolicySet = {
    identity,
    ...(resource === undefined ? {} : { resource }),
    resourceGrammar,
    ...(permissionsBoundary === undefined ? {} : { permissionsBoundary }),
    session,
    serviceControlPolicies,
    resourceControlPolicies,
    vpcEndpoint,
  };
  return Object.freeze(compiled);
}
