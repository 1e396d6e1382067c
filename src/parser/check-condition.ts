import { findGlobalConditionKey, isMultivaluedKey, unknownGlobalKey } from '../conditions/context-keys.js';
import { splitOperatorName } from '../conditions/registry.js';
import type { OperatorNameParts } from '../conditions/registry.js';
import type { StatementContext } from './statement-context.js';
import { checkTemplate, locateInString } from './check-template.js';
import { closestName } from '../errors/closest-name.js';
import type { IssueLocation } from './issue-sink.js';
import type { JsonMember } from './json-tree.js';
import { MESSAGES } from './messages.js';
import type { ParsedConditionBlock } from './parsed-policy.js';

const IF_EXISTS_TYPO = /if_?exi?sts?$/i;

/** The nearest valid spelling, with a misspelt `IfExists` suffix (`IfExist`, `ifexists`) repaired too. */
function suggestOperator(parts: OperatorNameParts, context: StatementContext): string | undefined {
  const prefix = parts.qualifier === undefined ? '' : `${parts.qualifier}:`;
  const suffix = IF_EXISTS_TYPO.exec(parts.base);
  if (suffix !== null) {
    const rest = context.registry.lookup(parts.base.slice(0, suffix.index));
    const name = rest.found ? rest.definition.name : rest.suggestion;
    if (name !== undefined) return `${prefix}${name}IfExists`;
  }
  const lookup = context.registry.lookup(parts.base);
  if (lookup.found || lookup.suggestion === undefined) return undefined;
  return `${prefix}${lookup.suggestion}${parts.ifExists ? 'IfExists' : ''}`;
}

// `prefix:name`. The prefix is a service prefix or a host name; an OIDC provider whose issuer URL has a path keeps
// it (`oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE:sub`, `oidc.circleci.com/org/ORG-ID:aud`): IAM allows paths in
// the provider URL ("path components are allowed but query parameters are not", CreateOpenIDConnectProvider).
const CONDITION_KEY = /^[A-Za-z0-9][A-Za-z0-9.-]*(?:\/[^\s/:]+)*:[^\s]/;

/**
 * An `aws:` key that is no global condition key (C-30, §9.1) draws a warning with the nearest global key. Service
 * keys are not checked: the library has no catalogue of them.
 */
function checkGlobalKey(key: string, at: IssueLocation, context: StatementContext): void {
  const unknown = unknownGlobalKey(key);
  if (unknown === undefined) return;
  if (unknown.kind === 'tagKeyMissing') {
    context.sink.warning('unknown_global_condition_key', at, MESSAGES.tagKeyMissing(key, unknown.prefix));
    return;
  }
  const { suggestion } = unknown;
  context.sink.warning('unknown_global_condition_key', at, MESSAGES.unknownGlobalKey(key, suggestion), suggestion);
}

function hasWildcard(text: string): boolean {
  return text.includes('*') || text.includes('?');
}

/**
 * Checks one operator block of `Condition` against the operator registry: the operator and its modifiers (C-7,
 * C-22, C-30), each key (G-30, G-31, C-28, C-30, PV-2) and each value (C-8, C-16, C-27, the operator's own value
 * rules).
 */
export function checkConditionBlock(block: ParsedConditionBlock, member: JsonMember, context: StatementContext): void {
  const { sink, registry } = context;
  const operator = block.operator;
  const at = member.keySpan;
  const parts = splitOperatorName(operator);
  const lookup = registry.lookup(parts.base);
  let definition = lookup.found ? lookup.definition : undefined;
  if (!lookup.found) {
    const colon = parts.base.indexOf(':');
    if (colon > 0) {
      const qualifier = parts.base.slice(0, colon);
      const rest = registry.lookup(parts.base.slice(colon + 1));
      const fixed = closestName(qualifier, ['ForAllValues', 'ForAnyValue']);
      const base = rest.found ? rest.definition.name : rest.suggestion;
      const suggestion =
        fixed === undefined || base === undefined ? undefined : `${fixed}:${base}${parts.ifExists ? 'IfExists' : ''}`;
      sink.error('unknown_condition_operator', at, MESSAGES.unknownQualifier(qualifier), suggestion);
    } else {
      sink.error('unknown_condition_operator', at, MESSAGES.unknownOperator(operator), suggestOperator(parts, context));
    }
  }
  if (definition !== undefined) {
    if (parts.ifExists && !definition.acceptsIfExists) {
      const message =
        definition.family === 'null'
          ? MESSAGES.nullWithIfExists(operator)
          : MESSAGES.ifExistsNotAccepted(operator, definition.name);
      sink.error('null_with_if_exists', at, message, operator.replace(/IfExists$/, ''));
      definition = undefined;
    }
  }
  if (definition !== undefined && parts.qualifier !== undefined && !definition.acceptsQualifier) {
    const message =
      definition.family === 'null'
        ? MESSAGES.nullWithQualifier(operator)
        : MESSAGES.qualifierNotAccepted(operator, definition.name);
    sink.error('null_with_qualifier', at, message, operator.slice(parts.qualifier.length + 1));
    definition = undefined;
  }
  if (block.keys.length === 0) sink.warning('empty_array', member.value.span, MESSAGES.emptyConditionBlock(operator));

  const seen = new Map<string, string>();
  const keyMembers = member.value.kind === 'object' ? member.value.members : [];
  block.keys.forEach((entry, i) => {
    const keyAt = keyMembers[i]?.keySpan ?? entry.span;
    const lower = entry.key.toLowerCase();
    const first = seen.get(lower);
    if (first === undefined) seen.set(lower, entry.key);
    else if (first !== entry.key)
      sink.error('duplicate_condition_key', keyAt, MESSAGES.duplicateConditionKey(entry.key, first, operator));
    if (entry.key.includes('${') && context.version === '2012-10-17') {
      sink.error('variable_not_allowed', keyAt, MESSAGES.variableNotAllowedIn(entry.key, 'a condition key'));
    } else if (!CONDITION_KEY.test(entry.key)) {
      sink.error('invalid_condition_key', keyAt, MESSAGES.invalidConditionKey(entry.key));
    } else {
      checkGlobalKey(entry.key, keyAt, context);
    }
    if (definition === undefined) return;
    const valueNode = keyMembers[i]?.value;
    if (valueNode?.kind === 'array' && valueNode.items.length === 0) {
      sink.warning('empty_array', valueNode.span, MESSAGES.emptyConditionValues(entry.key, operator));
    }
    if (definition.family === 'bool' && entry.values.length > 1) {
      sink.error('multiple_bool_values', keyAt, MESSAGES.multipleBoolValues(entry.key, operator));
    }
    if (parts.qualifier === 'ForAllValues') {
      const known = findGlobalConditionKey(entry.key);
      if (known !== undefined && !known.multivalued) {
        sink.warning('for_all_values_single_valued_key', keyAt, MESSAGES.forAllValuesSingleValued(entry.key));
      }
    } else if (parts.qualifier === undefined && definition.acceptsQualifier && isMultivaluedKey(lower)) {
      sink.warning('missing_qualifier', keyAt, MESSAGES.missingQualifier(entry.key, operator.replace(/IfExists$/, '')));
    }
    for (const value of entry.values) {
      const text = String(value.raw);
      let literalText = text;
      if (definition.acceptsVariables) {
        const template = checkTemplate(text, value.span, { ...context, where: 'condition' });
        if (template === undefined) continue;
        if (template.parts.some((part) => part.kind !== 'text')) {
          literalText = template.parts.map((part) => (part.kind === 'text' ? part.text : '')).join('');
          if (!definition.acceptsWildcards && definition.family === 'string' && hasWildcard(literalText)) {
            sink.warning('wildcard_without_like', value.span, MESSAGES.wildcardWithoutLike(text, operator));
          }
          continue;
        }
      } else if (text.includes('${') && context.version === '2012-10-17') {
        sink.error(
          'variable_not_allowed',
          locateInString(value.span, text, text.indexOf('${')),
          MESSAGES.variableNotAllowedIn(text, `the values of \`${definition.name}\``),
        );
        continue;
      }
      const parsed = definition.parsePolicyValue(value.raw);
      if (!parsed.ok) {
        sink.error(
          'invalid_condition_value',
          value.span,
          MESSAGES.invalidConditionValue(text, operator, parsed.message),
        );
      } else if (!definition.acceptsWildcards && definition.family === 'string' && hasWildcard(literalText)) {
        sink.warning('wildcard_without_like', value.span, MESSAGES.wildcardWithoutLike(text, operator));
      }
    }
  });
}
