// Public entry of `iam-policy-evaluator/arbitraries`: fast-check arbitraries for principals, actions,
// resources, contexts, policies and whole evaluation inputs. fast-check is an optional peer dependency.

export { ACCOUNTS, REGIONS, SERVICE_PRINCIPALS, SERVICE_LINKED_ROLES, RESOURCE_KINDS } from './catalog.js';
export type { ResourceKind } from './catalog.js';
export { arbPrincipal, arbPrincipalInfo, PRINCIPAL_KINDS } from './principals.js';
export type { PrincipalKindName, GeneratedPrincipal, PrincipalOptions } from './principals.js';
export {
  arbAction,
  arbResource,
  arbActionResource,
  arbActionPattern,
  arbResourcePattern,
} from './actions-resources.js';
export type { ServiceOptions, ActionResource } from './actions-resources.js';
export { arbContext, arbContextValue, arbIsoInstant, CONTEXT_KEYS } from './context.js';
export type { ContextKeySpec, ContextOptions, KeyFamily } from './context.js';
export { arbStatement, arbPolicyDocument, arbPolicySource, arbPolicySet } from './policies.js';
export type {
  PolicyDocument,
  StatementDocument,
  PolicyOptions,
  PolicySourceOptions,
  PolicySetOptions,
} from './policies.js';
export { arbRequest, arbEvaluationInput } from './requests.js';
export type { RequestOptions, EvaluationInputOptions } from './requests.js';
