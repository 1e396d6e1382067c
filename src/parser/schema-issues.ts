import type { ErrorObject } from 'ajv';
import type { PolicyGrammar } from '../model/policy-type.js';
import { closestName } from '../errors/closest-name.js';
import type { StandaloneValidator } from './generated/policy-validators.js';
import {
  validateIdentityPolicy,
  validateRcpPolicy,
  validateResourcePolicy,
  validateRoleTrustPolicy,
  validateScpPolicy,
} from './generated/policy-validators.js';
import type { GrammarRules } from './grammar-rules.js';
import { POLICY_ELEMENTS, PRINCIPAL_TYPES, STATEMENT_ELEMENTS } from './grammar-rules.js';
import type { IssueSink } from './issue-sink.js';
import { splitPointer } from '../model/json-pointer.js';
import type { JsonNode, JsonObjectNode } from './json-tree.js';
import { describeKind, findMember, toPlainValue } from './json-tree.js';
import { MESSAGES } from './messages.js';

/** The standalone validator compiled from schemas/policy.schema.json for each grammar. */
const VALIDATORS: Readonly<Record<PolicyGrammar, StandaloneValidator>> = Object.freeze({
  identity: validateIdentityPolicy,
  permissionsBoundary: validateIdentityPolicy,
  session: validateIdentityPolicy,
  resource: validateResourcePolicy,
  vpcEndpoint: validateResourcePolicy,
  roleTrust: validateRoleTrustPolicy,
  scp: validateScpPolicy,
  rcp: validateRcpPolicy,
});

const EXPECTED_TYPES: Readonly<Record<string, string>> = Object.freeze({
  object: 'an object',
  string: 'a string',
  array: 'an array',
  'string,array': 'a string or an array of strings',
  'string,number,boolean,array': 'a string, a number, a boolean or an array of them',
  'string,number,boolean': 'a string, a number or a boolean',
});

const EXCLUSIVE_PAIRS = [
  ['Action', 'NotAction', 'action_and_not_action'],
  ['Resource', 'NotResource', 'resource_and_not_resource'],
  ['Principal', 'NotPrincipal', 'principal_and_not_principal'],
] as const;

type Level =
  | { readonly kind: 'policy' }
  | { readonly kind: 'statement' }
  | { readonly kind: 'inStatement'; readonly path: readonly string[] }
  | { readonly kind: 'other' };

/** Where a pointer stands: the policy, a statement, or inside one (`path` relative to the statement). */
function locate(tokens: readonly string[], root: JsonObjectNode): Level {
  if (tokens.length === 0) return { kind: 'policy' };
  if (tokens[0] !== 'Statement') return { kind: 'other' };
  const statements = findMember(root, 'Statement')?.value;
  const depth = statements?.kind === 'array' ? 2 : 1;
  if (tokens.length < depth) return { kind: 'policy' };
  if (tokens.length === depth) return { kind: 'statement' };
  return { kind: 'inStatement', path: tokens.slice(depth) };
}

/** The element a type error is about, in words. */
function describeElement(tokens: readonly string[], level: Level): string {
  if (level.kind === 'statement') return 'a statement';
  const path = level.kind === 'inStatement' ? level.path : tokens;
  const last = path[path.length - 1] ?? '';
  const isIndex = /^\d+$/.test(last);
  const named = isIndex ? (path[path.length - 2] ?? '') : last;
  if (level.kind === 'inStatement' && path[0] === 'Condition' && path.length > 1) {
    if (path.length === 2) return `the \`${named}\` block`;
    return isIndex ? `every value of \`${named}\`` : `the value of \`${named}\``;
  }
  return isIndex ? `every item of \`${named}\`` : `\`${named}\``;
}

/** Finds the value at a JSON Pointer of the document checked. */
export type NodeLookup = (pointer: string) => JsonNode | undefined;

/**
 * Checks the document's shape with the standalone validator of its grammar and turns each ajv error into an issue
 * that points at the element (its key for an unknown element, its value for a wrong type).
 */
export function checkSchema(rules: GrammarRules, root: JsonObjectNode, nodeAt: NodeLookup, sink: IssueSink): void {
  const validate = VALIDATORS[rules.grammar];
  if (validate(toPlainValue(root))) return;
  const errors: readonly ErrorObject[] = validate.errors ?? [];
  const typed = new Set(errors.filter((e) => e.keyword === 'type').map((e) => e.instancePath));
  // The `required` errors inside `anyOf` branches, by instance: they say what an `anyOf` error misses.
  const branchRequired = new Map<string, ErrorObject[]>();
  for (const e of errors) {
    if (e.keyword !== 'required' || !e.schemaPath.includes('/anyOf/')) continue;
    const list = branchRequired.get(e.instancePath) ?? [];
    list.push(e);
    branchRequired.set(e.instancePath, list);
  }
  const exclusiveDone = new Set<string>();
  for (const error of errors) {
    const pointer = error.instancePath;
    const tokens = splitPointer(pointer);
    const level = locate(tokens, root);
    const node = nodeAt(pointer) ?? root;
    const params = error.params as Record<string, unknown>;
    switch (error.keyword) {
      case 'if':
        break;
      case 'required': {
        if (error.schemaPath.includes('/anyOf/')) break;
        const missing = String(params['missingProperty']);
        if (missing === 'Statement') sink.error('missing_statement', node.span, MESSAGES.missingStatement());
        else if (missing === 'Version')
          sink.error('missing_version', node.span, MESSAGES.missingVersionError(rules.label));
        else if (missing === 'Effect') sink.error('missing_effect', node.span, MESSAGES.missingEffect());
        else if (missing === 'Principal') {
          sink.error('missing_principal', node.span, MESSAGES.principalRequiredOnly(rules.label));
        } else if (missing === 'Action') sink.error('missing_action', node.span, MESSAGES.missingAction());
        else sink.error('invalid_type', node.span, MESSAGES.missingElement(missing, missing));
        break;
      }
      case 'anyOf': {
        const inner = (branchRequired.get(pointer) ?? []).filter((e) =>
          e.schemaPath.startsWith(`${error.schemaPath}/`),
        );
        const missing = new Set(inner.map((e) => String((e.params as Record<string, unknown>)['missingProperty'])));
        if (missing.has('Action'))
          sink.error('missing_action', node.span, MESSAGES.missingElement('Action', 'NotAction'));
        else if (missing.has('Resource')) {
          sink.error('missing_resource', node.span, MESSAGES.missingElement('Resource', 'NotResource'));
        } else if (missing.has('Principal')) {
          sink.error('missing_principal', node.span, MESSAGES.principalRequired(rules.label));
        }
        break;
      }
      case 'not': {
        if (node.kind !== 'object') break;
        for (const [a, b, code] of EXCLUSIVE_PAIRS) {
          const second = findMember(node, b);
          if (findMember(node, a) === undefined || second === undefined || exclusiveDone.has(`${pointer}|${a}`))
            continue;
          exclusiveDone.add(`${pointer}|${a}`);
          sink.error(code, second.keySpan, MESSAGES.bothElements(a, b));
        }
        break;
      }
      case 'additionalProperties': {
        const name = String(params['additionalProperty']);
        const member = node.kind === 'object' ? findMember(node, name) : undefined;
        const at = member?.keySpan ?? node.span;
        reportUnknownElement(rules, level, tokens, name, at, sink);
        break;
      }
      case 'type': {
        const raw = params['type'];
        const expected = Array.isArray(raw) ? raw.join(',') : String(raw);
        const last = tokens[tokens.length - 1];
        const isStatementList = level.kind === 'statement' && tokens.length === 1;
        const isPrincipal =
          level.kind === 'inStatement' && level.path.length === 1 && (last === 'Principal' || last === 'NotPrincipal');
        sink.error(
          'invalid_type',
          node.span,
          MESSAGES.invalidType(
            isStatementList ? '`Statement`' : describeElement(tokens, level),
            isStatementList
              ? 'an object or an array of objects'
              : isPrincipal
                ? '`"*"` or an object such as `{"AWS": …}`'
                : (EXPECTED_TYPES[expected] ?? expected),
            describeKind(node),
          ),
        );
        break;
      }
      case 'enum': {
        if (typed.has(pointer) || node.kind !== 'string') break;
        const last = tokens[tokens.length - 1];
        if (last === 'Effect') {
          const fix = closestName(node.value.trim(), ['Allow', 'Deny']);
          sink.error('invalid_effect', node.span, MESSAGES.invalidEffect(node.value), fix);
        } else if (last === 'Version') {
          sink.error(
            'invalid_version',
            node.span,
            MESSAGES.invalidVersion(node.value, rules.versions),
            rules.versions[0],
          );
        } else {
          sink.error('invalid_principal', node.span, MESSAGES.bareStringPrincipal(node.value));
        }
        break;
      }
      case 'pattern': {
        if (typed.has(pointer) || node.kind !== 'string') break;
        sink.error('invalid_sid', node.span, MESSAGES.invalidSid(node.value));
        break;
      }
      default:
        sink.error(
          'invalid_type',
          node.span,
          MESSAGES.invalidType(describeElement(tokens, level), 'valid', String(error.message)),
        );
    }
  }
}

function reportUnknownElement(
  rules: GrammarRules,
  level: Level,
  tokens: readonly string[],
  name: string,
  at: Parameters<IssueSink['error']>[1],
  sink: IssueSink,
): void {
  if (level.kind === 'policy') {
    if (name === 'Id') sink.error('id_not_allowed', at, MESSAGES.elementNotAllowed('Id', rules.label));
    else if ((STATEMENT_ELEMENTS as readonly string[]).includes(name)) {
      sink.error('unknown_element', at, MESSAGES.statementElementAtTop(name), 'Statement');
    } else {
      sink.error(
        'unknown_element',
        at,
        MESSAGES.unknownElement(name, 'the policy'),
        closestName(name, POLICY_ELEMENTS),
      );
    }
    return;
  }
  if (level.kind === 'statement') {
    switch (name) {
      case 'Principal':
        sink.error('principal_not_allowed', at, MESSAGES.elementNotAllowed(name, rules.label));
        return;
      case 'NotPrincipal':
        sink.error('not_principal_not_allowed', at, MESSAGES.elementNotAllowed(name, rules.label));
        return;
      case 'NotAction':
        sink.error('not_action_not_allowed', at, MESSAGES.elementNotAllowed(name, rules.label));
        return;
      case 'Resource':
        sink.error('resource_not_allowed', at, MESSAGES.elementNotAllowed(name, rules.label));
        return;
      case 'NotResource':
        sink.error('not_resource_not_allowed', at, MESSAGES.elementNotAllowed(name, rules.label));
        return;
      default:
        sink.error(
          'unknown_element',
          at,
          MESSAGES.unknownElement(name, 'a statement'),
          closestName(name, STATEMENT_ELEMENTS),
        );
        return;
    }
  }
  const last = tokens[tokens.length - 1];
  if (last === 'Principal' || last === 'NotPrincipal') {
    sink.error('unknown_principal_type', at, MESSAGES.unknownPrincipalType(name), closestName(name, PRINCIPAL_TYPES));
    return;
  }
  sink.error('unknown_element', at, MESSAGES.unknownElement(name, 'the policy'));
}
