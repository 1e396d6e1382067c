import type { IssueSeverity } from '../errors/issue.js';
import type { PolicyVersion } from '../model/normalized-policy.js';
import type { PolicyGrammar, PolicyType } from '../model/policy-type.js';

/** The rules of one policy grammar (IAM-SEMANTICS §3.3, §4, §5, §12). docs/policy-grammar.md explains each value. */
export interface GrammarRules {
  readonly grammar: PolicyGrammar;
  readonly policyType: PolicyType;
  /** In words, for messages: `an identity-based policy`. */
  readonly label: string;
  /** Whether `Principal`/`NotPrincipal` must be present (G-14, V-4) or must be absent (G-14, O-16). */
  readonly principal: 'required' | 'forbidden';
  /** Whether `NotPrincipal` is accepted at all (G-19, O-18); always with `Deny` only. */
  readonly notPrincipal: boolean;
  /** Whether `NotAction` is accepted (O-18). */
  readonly notAction: boolean;
  /** `required`: `Resource` or `NotResource` must be present; `forbidden`: role trust policies (no resource). */
  readonly resource: 'required' | 'forbidden';
  /** How `Id` is treated: accepted, warned about (G-11 [X]) or refused. */
  readonly id: 'allowed' | IssueSeverity;
  /** The `Version` values accepted, and what a missing `Version` is (G-8, G-10). */
  readonly versions: readonly PolicyVersion[];
  readonly missingVersion: IssueSeverity;
  /** IAM's `Sid` rule (G-12): only `A–Z a–z 0–9`. Other services' resource policies accept more. */
  readonly alphanumericSid: boolean;
  readonly duplicateSid: IssueSeverity;
  /** Whether `Principal` other than `"*"` deserves a warning (O-18 [K]). */
  readonly principalShouldBeStar: boolean;
  /** RCPs (O-18): `Allow` only in the statement of `RCPFullAWSAccess`; customer RCPs are Deny-only. */
  readonly allowOnlyAsFullAccess: boolean;
  /** Size limit (§12.1) and whether white space counts against it. */
  readonly maxSize: number;
  readonly whiteSpaceCounted: boolean;
}

const BOTH_VERSIONS: readonly PolicyVersion[] = Object.freeze(['2012-10-17', '2008-10-17']);
const CURRENT_VERSION: readonly PolicyVersion[] = Object.freeze(['2012-10-17']);

const IAM_MANAGED = {
  principal: 'forbidden',
  notPrincipal: false,
  notAction: true,
  resource: 'required',
  id: 'warning',
  versions: BOTH_VERSIONS,
  missingVersion: 'warning',
  alphanumericSid: true,
  duplicateSid: 'error',
  principalShouldBeStar: false,
  allowOnlyAsFullAccess: false,
  maxSize: 6144,
  whiteSpaceCounted: false,
} as const;

const RESOURCE_BASED = {
  principal: 'required',
  notPrincipal: true,
  notAction: true,
  resource: 'required',
  id: 'allowed',
  versions: BOTH_VERSIONS,
  missingVersion: 'warning',
  alphanumericSid: false,
  duplicateSid: 'warning',
  principalShouldBeStar: false,
  allowOnlyAsFullAccess: false,
  whiteSpaceCounted: true,
} as const;

const ORGANIZATIONS = {
  principal: 'forbidden',
  notPrincipal: false,
  notAction: true,
  resource: 'required',
  id: 'error',
  versions: CURRENT_VERSION,
  missingVersion: 'error',
  alphanumericSid: true,
  duplicateSid: 'error',
  principalShouldBeStar: false,
  allowOnlyAsFullAccess: false,
  maxSize: 5120,
  whiteSpaceCounted: true,
} as const;

/** Every grammar's rules, by grammar. */
export const GRAMMAR_RULES: Readonly<Record<PolicyGrammar, GrammarRules>> = Object.freeze({
  identity: Object.freeze({
    ...IAM_MANAGED,
    grammar: 'identity',
    policyType: 'identity',
    label: 'an identity-based policy',
  }),
  permissionsBoundary: Object.freeze({
    ...IAM_MANAGED,
    grammar: 'permissionsBoundary',
    policyType: 'permissionsBoundary',
    label: 'a permissions boundary',
  }),
  // STS checks the Policy parameter's length as sent: every character counts (§12.1, AssumeRole API).
  session: Object.freeze({
    ...IAM_MANAGED,
    grammar: 'session',
    policyType: 'session',
    label: 'a session policy',
    maxSize: 2048,
    whiteSpaceCounted: true,
  }),
  // No documented limit for resource-based policies in general: 20,480 (the S3 bucket policy limit, the largest common one).
  resource: Object.freeze({
    ...RESOURCE_BASED,
    grammar: 'resource',
    policyType: 'resource',
    label: 'a resource-based policy',
    maxSize: 20480,
  }),
  roleTrust: Object.freeze({
    ...RESOURCE_BASED,
    grammar: 'roleTrust',
    policyType: 'resource',
    label: 'a role trust policy',
    notPrincipal: false,
    resource: 'forbidden',
    alphanumericSid: true,
    duplicateSid: 'error',
    maxSize: 2048,
    whiteSpaceCounted: false,
  }),
  scp: Object.freeze({ ...ORGANIZATIONS, grammar: 'scp', policyType: 'scp', label: 'a service control policy' }),
  rcp: Object.freeze({
    ...ORGANIZATIONS,
    grammar: 'rcp',
    policyType: 'rcp',
    label: 'a resource control policy',
    principal: 'required',
    notAction: false,
    principalShouldBeStar: true,
    allowOnlyAsFullAccess: true,
  }),
  vpcEndpoint: Object.freeze({
    ...RESOURCE_BASED,
    grammar: 'vpcEndpoint',
    policyType: 'vpcEndpoint',
    label: 'a VPC endpoint policy',
    maxSize: 20480,
  }),
});

/** The grammars, in the order of docs/policy-grammar.md. */
export const POLICY_GRAMMARS: readonly PolicyGrammar[] = Object.freeze([
  'identity',
  'permissionsBoundary',
  'session',
  'resource',
  'roleTrust',
  'scp',
  'rcp',
  'vpcEndpoint',
]);

/** Whether `value` names a grammar (safe for any string, `__proto__` included). */
export function isPolicyGrammar(value: unknown): value is PolicyGrammar {
  return typeof value === 'string' && (POLICY_GRAMMARS as readonly string[]).includes(value);
}

/** The policy-level elements every grammar knows. */
export const POLICY_ELEMENTS = Object.freeze(['Version', 'Id', 'Statement'] as const);

/** Every statement element IAM knows (any grammar). */
export const STATEMENT_ELEMENTS = Object.freeze([
  'Sid',
  'Effect',
  'Principal',
  'NotPrincipal',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Condition',
] as const);

/** The keys of a `Principal` map (G-15). */
export const PRINCIPAL_TYPES = Object.freeze(['AWS', 'Service', 'Federated', 'CanonicalUser'] as const);
