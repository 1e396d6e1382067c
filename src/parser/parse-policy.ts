import { defaultOperatorRegistry } from '../conditions/registry.js';
import type { Issue } from '../errors/issue.js';
import type { PolicyVersion } from '../model/normalized-policy.js';
import { deepFreeze } from '../model/deep-freeze.js';
import { resolveCatalogue } from '../catalogue/bundled-catalogue.js';
import { checkAgainstCatalogue } from './check-catalogue.js';
import { checkStatements } from './check-statements.js';
import { GRAMMAR_RULES, isPolicyGrammar, STATEMENT_ELEMENTS } from './grammar-rules.js';
import { IssueSink } from './issue-sink.js';
import { readJson } from './json-reader.js';
import type { JsonObjectNode } from './json-tree.js';
import { describeKind, findMember } from './json-tree.js';
import { LineIndex } from './line-index.js';
import { MESSAGES } from './messages.js';
import type { ParsedPolicy, ParsePolicyOptions, ParseResult } from './parsed-policy.js';
import { isAwsManagedPolicyArn, MAX_SOURCE_LENGTH, policySize } from './policy-size.js';
import { sourceToText } from './read-source.js';
import { checkSchema } from './schema-issues.js';
import type { NodeLookup } from './schema-issues.js';

const BARE_STATEMENT_FIX = '{"Version": "2012-10-17", "Statement": [ … ]}';

function refuse(issues: readonly Issue[]): ParseResult {
  const [first, ...rest] = issues;
  if (first === undefined) throw new Error('refuse() needs at least one issue');
  return Object.freeze({ ok: false, issues: Object.freeze([first, ...rest]) as readonly [Issue, ...Issue[]] });
}

function optionsIssue(policyId: string, message: string): ParseResult {
  return refuse([
    Object.freeze({
      code: 'invalid_type',
      severity: 'error',
      message,
      policyId,
      line: 1,
      column: 1,
      pointer: '',
    } as const),
  ]);
}

/**
 * Reads a policy document and checks it against the grammar of its policy type (IAM-SEMANTICS §3.3, §4, §5, §12).
 * `source` is JSON text, or an already-parsed value whose positions then refer to its 2-space `JSON.stringify`
 * rendering. Every problem found is reported, not only the first: JSON text problems (missing comma, typographic
 * quotes, trailing commas, comments, duplicate keys, characters IAM refuses), size, shape and grammar.
 *
 * Never throws for any `source`; never mutates it.
 *
 * @param source - JSON text or a parsed policy object.
 * @param options - `policyType` (the grammar), `policyId` (names the policy in issues), `maxSize`, and `awsManaged`
 *   (no size limit for an AWS managed policy; implied by a `policyId` `arn:aws:iam::aws:policy/…`).
 * @returns `{ ok: true, policy, warnings }`, or `{ ok: false, issues }` with every error and warning.
 * @example
 * ```ts
 * import { parsePolicy } from 'iam-policy-evaluator';
 * const text = '{\n  "Version": "2012-10-17",\n  "Statement": {"Effect": "deny", "Action": "s3:*", "Resource": "*"}\n}';
 * const result = parsePolicy(text, { policyType: 'identity', policyId: 'deny-s3' });
 * result.ok; //=> false
 * result.ok ? [] : result.issues.map((i) => [i.code, i.line, i.column, i.suggestion]); //=> [['invalid_effect', 3, 27, 'Deny']]
 * ```
 */
export function parsePolicy(source: unknown, options: ParsePolicyOptions): ParseResult {
  const policyId = typeof options?.policyId === 'string' ? options.policyId : '';
  const grammar: unknown = options?.policyType;
  if (!isPolicyGrammar(grammar)) return optionsIssue(policyId, MESSAGES.unknownPolicyType(String(grammar)));
  const rules = GRAMMAR_RULES[grammar];
  const maxSize: unknown = options.maxSize ?? rules.maxSize;
  if (typeof maxSize !== 'number' || !Number.isInteger(maxSize) || maxSize < 1) {
    return optionsIssue(policyId, MESSAGES.invalidMaxSize(String(maxSize)));
  }
  const awsManagedOption: unknown = options.awsManaged;
  if (awsManagedOption !== undefined && typeof awsManagedOption !== 'boolean') {
    return optionsIssue(policyId, MESSAGES.invalidAwsManaged(String(awsManagedOption)));
  }
  // The quota binds whoever writes a policy; AWS managed policies are written by AWS (§12.1).
  const sizeExempt = awsManagedOption ?? isAwsManagedPolicyArn(policyId);

  const input = sourceToText(source);
  if (!input.ok) {
    const sink = new IssueSink(policyId, new LineIndex(''));
    sink.error('not_an_object', { offset: 0, pointer: '' }, input.message);
    return refuse(sink.issues());
  }
  const { text } = input;
  if (text.length > MAX_SOURCE_LENGTH) {
    const sink = new IssueSink(policyId, new LineIndex(''));
    sink.error('policy_too_large', { offset: 0, pointer: '' }, MESSAGES.sourceTooLarge(text.length, MAX_SOURCE_LENGTH));
    return refuse(sink.issues());
  }

  const read = readJson(text);
  const sink = new IssueSink(policyId, read.lines);
  for (const issue of read.issues) sink.error(issue.code, issue, issue.message, issue.suggestion);
  for (const problem of input.problems) {
    const at = read.nodes.get(problem.pointer)?.span ?? { offset: 0, pointer: problem.pointer };
    sink.error('unsupported_value', at, problem.message);
  }
  const size = input.compactLength ?? policySize(text, rules.whiteSpaceCounted);
  if (size > maxSize && !sizeExempt) {
    sink.error(
      'policy_too_large',
      { offset: 0, pointer: '' },
      MESSAGES.policyTooLarge(size, maxSize, rules.label, rules.whiteSpaceCounted || input.fromObject),
    );
  }

  const root = read.root;
  if (root === undefined || !read.intact || input.problems.length > 0) return refuse(sink.issues());
  if (root.kind !== 'object') {
    sink.error('not_an_object', root.span, MESSAGES.notAnObject(describeKind(root)));
    return refuse(sink.issues());
  }

  // A statement pasted without its policy around it: say so, then check it as the policy's only statement.
  let policyRoot: JsonObjectNode = root;
  let nodeAt: NodeLookup = (pointer) => read.nodes.get(pointer);
  const bare =
    findMember(root, 'Statement') === undefined &&
    root.members.some((member) => (STATEMENT_ELEMENTS as readonly string[]).includes(member.key));
  if (bare) {
    sink.error('missing_statement', root.span, MESSAGES.bareStatement(), BARE_STATEMENT_FIX);
    policyRoot = { kind: 'object', members: [{ key: 'Statement', keySpan: root.span, value: root }], span: root.span };
    nodeAt = (pointer) =>
      read.nodes.get(pointer.startsWith('/Statement') ? pointer.slice('/Statement'.length) : pointer);
  }
  checkSchema(rules, policyRoot, nodeAt, sink);
  const versionMember = findMember(root, 'Version');
  const versionNode = versionMember?.value;
  const version =
    versionNode?.kind === 'string' && (rules.versions as readonly string[]).includes(versionNode.value)
      ? (versionNode.value as PolicyVersion)
      : undefined;
  if (versionMember === undefined && rules.missingVersion === 'warning' && !bare) {
    sink.warning('missing_version', root.span, MESSAGES.missingVersionWarning(), '2012-10-17');
  }
  const idMember = findMember(root, 'Id');
  if (idMember !== undefined && rules.id === 'warning') {
    sink.warning('id_not_allowed', idMember.keySpan, MESSAGES.idDiscouraged(rules.label));
  }
  const statements = checkStatements(policyRoot, { rules, sink, registry: defaultOperatorRegistry, version });
  const catalogue = resolveCatalogue(options.catalogue);
  if (catalogue !== undefined)
    checkAgainstCatalogue(statements, { catalogue, sink, registry: defaultOperatorRegistry });

  const issues = sink.issues();
  if (sink.hasErrors) return refuse(issues);
  const idNode = idMember?.value;
  const policy: ParsedPolicy = {
    policyId,
    grammar,
    policyType: rules.policyType,
    ...(version === undefined ? {} : { version }),
    ...(idNode?.kind === 'string' ? { id: idNode.value } : {}),
    statements,
    source: text,
    warnings: issues,
  };
  return deepFreeze({ ok: true, policy, warnings: issues });
}
