import type { SourceSpan } from '../model/source-span.js';
import { checkConditionBlock } from './check-condition.js';
import { checkTemplate, locateInString, type TemplateContext } from './check-template.js';
import type { IssueSink } from './issue-sink.js';
import type { StatementContext } from './statement-context.js';
import type { JsonMember, JsonNode, JsonObjectNode } from './json-tree.js';
import { findMember } from './json-tree.js';
import { MESSAGES } from './messages.js';
import type {
  ParsedConditionBlock,
  ParsedConditionKey,
  ParsedConditionValue,
  ParsedPrincipal,
  ParsedPrincipalElement,
  ParsedStatement,
  ParsedString,
  ParsedStringList,
} from './parsed-policy.js';
import { readPrincipal } from './principal-format.js';

/** The span from a member's key to the end of its value (`"aws:SourceVpce": "vpce-1"`). */
export function memberSpan(member: JsonMember): SourceSpan {
  const { keySpan, value } = member;
  return {
    pointer: value.span.pointer,
    line: keySpan.line,
    column: keySpan.column,
    offset: keySpan.offset,
    endLine: value.span.endLine,
    endColumn: value.span.endColumn,
    endOffset: value.span.endOffset,
  };
}

/** The statement objects of a policy, with their indexes (a lone object is statement 0, G-2). */
export function statementNodes(
  root: JsonObjectNode,
): readonly { readonly node: JsonObjectNode; readonly index: number }[] {
  const statement = findMember(root, 'Statement')?.value;
  if (statement === undefined) return [];
  if (statement.kind === 'object') return [{ node: statement, index: 0 }];
  if (statement.kind !== 'array') return [];
  const out: { node: JsonObjectNode; index: number }[] = [];
  statement.items.forEach((node, index) => {
    if (node.kind === 'object') out.push({ node, index });
  });
  return out;
}

/** Strings of a string-or-list element; items of other types are left to the schema check. */
function stringsOf(node: JsonNode): ParsedString[] {
  if (node.kind === 'string') return [{ value: node.value, span: node.span }];
  if (node.kind !== 'array') return [];
  const out: ParsedString[] = [];
  for (const item of node.items) if (item.kind === 'string') out.push({ value: item.value, span: item.span });
  return out;
}

function readList(statement: JsonObjectNode, name: string, negatedName: string): ParsedStringList | undefined {
  const member = findMember(statement, name) ?? findMember(statement, negatedName);
  if (member === undefined) return undefined;
  return { negated: member.key === negatedName, values: stringsOf(member.value), span: member.value.span };
}

function checkEmptyList(member: JsonMember | undefined, sink: IssueSink): void {
  if (member === undefined) return;
  const { value } = member;
  if ((value.kind === 'array' && value.items.length === 0) || (value.kind === 'object' && value.members.length === 0)) {
    sink.warning('empty_array', value.span, MESSAGES.emptyArray(`\`${member.key}\``));
  }
}

const ACTION_PREFIX = /^[A-Za-z0-9*?-]+$/;
const ACTION_NAME = /^[A-Za-z0-9*?_-]+$/;

function checkAction(action: ParsedString, context: StatementContext): void {
  const { value, span } = action;
  if (value === '*') return;
  if (value.includes('${') && context.version === '2012-10-17') {
    context.sink.error(
      'variable_not_allowed',
      locateInString(span, value, value.indexOf('${')),
      MESSAGES.variableNotAllowedIn(value, '`Action`'),
    );
    return;
  }
  const colon = value.indexOf(':');
  const prefix = value.slice(0, colon);
  const name = value.slice(colon + 1);
  if (colon <= 0 || !ACTION_PREFIX.test(prefix) || !ACTION_NAME.test(name)) {
    context.sink.error('invalid_action', span, MESSAGES.invalidAction(value));
  }
}

function checkResource(resource: ParsedString, context: StatementContext): void {
  const { value, span } = resource;
  if (value === '*') return;
  const template = checkTemplate(value, span, { ...context, where: 'resource' } satisfies TemplateContext);
  if (!value.startsWith('arn:')) {
    if (template !== undefined) context.sink.error('invalid_resource', span, MESSAGES.notAnArn(value));
    return;
  }
  if (template === undefined) return;
  // Count the ARN's field separators in literal text only: a variable such as `${aws:username}` holds a colon.
  let colons = 0;
  let service = '';
  let inService = false;
  let accountWarned = false;
  for (const part of template.parts) {
    if (part.kind !== 'text') {
      const text = part.kind === 'variable' ? `\${${part.name}}` : `\${${part.char}}`;
      if (colons === 4 && part.kind === 'variable') {
        // W-11 says "only after the fifth colon", yet IAM stores a variable in the account field: a current AWS
        // managed policy has `arn:aws:kms:*:${aws:PrincipalAccount}:key/*`. Warn, and substitute it when evaluating.
        if (!accountWarned) context.sink.warning('variable_in_arn_account', span, MESSAGES.variableInArnAccount(text));
        accountWarned = true;
      } else if (colons < 5) {
        context.sink.error('variable_not_allowed', span, MESSAGES.variableInArnPrefix(text));
        return;
      }
      continue;
    }
    for (const ch of part.text) {
      if (ch === ':' && colons < 5) {
        colons++;
        inService = colons === 2;
      } else if (inService) {
        service += ch;
      }
    }
  }
  if (colons < 5) {
    context.sink.error('invalid_resource', span, MESSAGES.missingArnField(value, colons + 1));
  } else if (service !== service.toLowerCase()) {
    context.sink.error('invalid_resource', span, MESSAGES.arnServiceCase(value, service));
  }
}

const isStar = (node: JsonNode | undefined): boolean =>
  (node?.kind === 'string' && node.value === '*') ||
  (node?.kind === 'array' &&
    node.items.length === 1 &&
    node.items[0]?.kind === 'string' &&
    node.items[0].value === '*');

/**
 * Whether a statement is the one of `RCPFullAWSAccess` (O-18): `Allow` with `"Principal": "*"`, `Action` `*` and
 * `Resource` `*`, and nothing else but a Sid. AWS attaches that policy everywhere and it is the only RCP with `Allow`.
 */
function isRcpFullAccessStatement(statement: JsonObjectNode): boolean {
  const allowed = new Set(['Sid', 'Effect', 'Principal', 'Action', 'Resource']);
  if (!statement.members.every((member) => allowed.has(member.key))) return false;
  const principal = findMember(statement, 'Principal')?.value;
  return (
    principal?.kind === 'string' &&
    principal.value === '*' &&
    isStar(findMember(statement, 'Action')?.value) &&
    isStar(findMember(statement, 'Resource')?.value)
  );
}

function readPrincipalElement(
  statement: JsonObjectNode,
  context: StatementContext,
): ParsedPrincipalElement | undefined {
  const member = findMember(statement, 'Principal') ?? findMember(statement, 'NotPrincipal');
  if (member === undefined) return undefined;
  const negated = member.key === 'NotPrincipal';
  const values: ParsedPrincipal[] = [];
  const node = member.value;
  if (node.kind === 'string') {
    values.push({ type: '*', value: node.value, span: node.span });
  } else if (node.kind === 'object') {
    for (const typeMember of node.members) {
      const type = typeMember.key;
      if (type !== 'AWS' && type !== 'Service' && type !== 'Federated' && type !== 'CanonicalUser') continue;
      checkEmptyList(typeMember, context.sink);
      for (const item of stringsOf(typeMember.value)) values.push({ type, value: item.value, span: item.span });
    }
  }
  checkEmptyList(member, context.sink);
  for (const principal of values) {
    // A bare string other than `*` is reported by the schema check.
    if (principal.type === '*') continue;
    const reading = readPrincipal(principal);
    if (!reading.ok) context.sink.error(reading.code, principal.span, reading.message);
  }
  if (context.rules.principalShouldBeStar && !negated && !(values.length === 1 && values[0]?.value === '*')) {
    context.sink.warning('principal_not_star', member.value.span, MESSAGES.principalNotStar(), '*');
  }
  return { negated, values, span: node.span };
}

function readConditionValues(node: JsonNode): { values: ParsedConditionValue[]; listed: boolean } {
  const scalar = (item: JsonNode): ParsedConditionValue | undefined =>
    item.kind === 'string' || item.kind === 'boolean' || item.kind === 'number'
      ? { raw: item.value, span: item.span }
      : undefined;
  if (node.kind !== 'array') {
    const value = scalar(node);
    return { values: value === undefined ? [] : [value], listed: false };
  }
  const values: ParsedConditionValue[] = [];
  for (const item of node.items) {
    const value = scalar(item);
    if (value !== undefined) values.push(value);
  }
  return { values, listed: true };
}

function readConditions(member: JsonMember, context: StatementContext): ParsedConditionBlock[] {
  const blocks: ParsedConditionBlock[] = [];
  const node = member.value;
  if (node.kind !== 'object') return blocks;
  if (node.members.length === 0) context.sink.warning('empty_array', node.span, MESSAGES.emptyCondition());
  for (const blockMember of node.members) {
    if (blockMember.value.kind !== 'object') continue;
    const keys: ParsedConditionKey[] = [];
    for (const keyMember of blockMember.value.members) {
      keys.push({ key: keyMember.key, ...readConditionValues(keyMember.value), span: memberSpan(keyMember) });
    }
    const block: ParsedConditionBlock = { operator: blockMember.key, keys, span: memberSpan(blockMember) };
    checkConditionBlock(block, blockMember, context);
    blocks.push(block);
  }
  return blocks;
}

/**
 * Reads every statement into its typed form and runs the checks a schema cannot express (G-7, G-12, G-17, G-19,
 * O-18, W-11, §7, §8). Tolerant: parts of the wrong JSON type are skipped here because the schema check reports them.
 * The statements returned are complete only when no error was reported.
 */
export function checkStatements(root: JsonObjectNode, context: StatementContext): ParsedStatement[] {
  const { sink, rules } = context;
  const statements: ParsedStatement[] = [];
  const sids = new Map<string, number>();
  const statementMember = findMember(root, 'Statement');
  if (statementMember?.value.kind === 'array' && statementMember.value.items.length === 0) {
    sink.warning('empty_array', statementMember.value.span, MESSAGES.emptyStatementList());
  }
  for (const { node, index } of statementNodes(root)) {
    const sidNode = findMember(node, 'Sid')?.value;
    let sid: string | undefined;
    if (sidNode?.kind === 'string') {
      sid = sidNode.value;
      if (sid === '') sink.warning('empty_sid', sidNode.span, MESSAGES.emptySid());
      const first = sids.get(sid);
      if (first === undefined) sids.set(sid, index);
      else if (sid !== '')
        sink.add('duplicate_sid', rules.duplicateSid, sidNode.span, MESSAGES.duplicateSid(sid, first));
    }
    const effectNode = findMember(node, 'Effect')?.value;
    const effect =
      effectNode?.kind === 'string' && (effectNode.value === 'Allow' || effectNode.value === 'Deny')
        ? effectNode.value
        : undefined;

    const action = readList(node, 'Action', 'NotAction');
    checkEmptyList(findMember(node, 'Action') ?? findMember(node, 'NotAction'), sink);
    for (const value of action?.values ?? []) checkAction(value, context);

    const resource = readList(node, 'Resource', 'NotResource');
    checkEmptyList(findMember(node, 'Resource') ?? findMember(node, 'NotResource'), sink);
    for (const value of resource?.values ?? []) checkResource(value, context);

    const principal = readPrincipalElement(node, context);
    if (principal?.negated === true && effect === 'Allow' && rules.notPrincipal) {
      const member = findMember(node, 'NotPrincipal');
      if (member !== undefined)
        sink.error('not_principal_with_allow', member.keySpan, MESSAGES.notPrincipalWithAllow());
    }

    const conditionMember = findMember(node, 'Condition');
    const conditions = conditionMember === undefined ? [] : readConditions(conditionMember, context);

    if (
      rules.allowOnlyAsFullAccess &&
      effect === 'Allow' &&
      effectNode !== undefined &&
      !isRcpFullAccessStatement(node)
    ) {
      sink.error('rcp_allow_not_supported', effectNode.span, MESSAGES.rcpAllowNotSupported());
    }

    if (effect === undefined || effectNode === undefined || action === undefined) continue;
    statements.push({
      index,
      ...(sid === undefined ? {} : { sid }),
      effect,
      action,
      ...(resource === undefined ? {} : { resource }),
      ...(principal === undefined ? {} : { principal }),
      conditions,
      span: node.span,
      effectSpan: effectNode.span,
      ...(conditionMember === undefined ? {} : { conditionSpan: conditionMember.value.span }),
    });
  }
  return statements;
}
