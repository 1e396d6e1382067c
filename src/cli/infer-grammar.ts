import { ASSUME_ROLE_ACTIONS, TRUST_POLICY_ACTIONS } from '../request/request-kinds.js';
import type { PolicyGrammar } from '../model/policy-type.js';
import { readJson } from '../parser/json-reader.js';
import type { JsonNode, JsonObjectNode } from '../parser/json-tree.js';

/** What a policy's text says about its grammar, for a file that neither `--type` nor its folder types. */
export interface ContentGrammar {
  readonly grammar: PolicyGrammar;
  /** Why, in words, for the output: `statement 0 has a \`Principal\``. */
  readonly reason: string;
  /** False when the text holds neither `Statement` nor a statement's `Effect`: a JSON file that is no policy. */
  readonly looksLikePolicy: boolean;
  /** True when the JSON has errors that leave its meaning unsure: the parser then checks the syntax alone. */
  readonly syntaxOnly: boolean;
}

/** A member by name in any case: `principal` is a misspelt `Principal`, and the grammar should say so. */
function member(node: JsonObjectNode, name: string): JsonNode | undefined {
  const lower = name.toLowerCase();
  return node.members.find((m) => m.key.toLowerCase() === lower)?.value;
}

function strings(node: JsonNode | undefined): string[] {
  if (node === undefined) return [];
  if (node.kind === 'string') return [node.value];
  if (node.kind === 'array') return node.items.flatMap((item) => (item.kind === 'string' ? [item.value] : []));
  return [];
}

/** The statements of a policy, or the policy itself when it is a pasted statement (it has an `Effect`). */
function statementsOf(root: JsonObjectNode): JsonObjectNode[] | undefined {
  const statement = member(root, 'Statement');
  if (statement === undefined) return member(root, 'Effect') === undefined ? undefined : [root];
  const nodes = statement.kind === 'array' ? statement.items : [statement];
  return nodes.filter((node): node is JsonObjectNode => node.kind === 'object');
}

/**
 * Infers the grammar of a policy from its text: a `Principal` or `NotPrincipal` in any statement makes it
 * resource-based, or a role trust policy when every action of every statement is an `sts:AssumeRole*` call or one
 * that goes with it (`sts:TagSession`, `sts:SetSourceIdentity`, `sts:SetContext`); anything else is identity-based.
 * Text whose JSON cannot be read is identity-based: only its syntax is checked then, whatever the grammar.
 * Member names are compared in any case, so that a misspelt `principal` is reported in the grammar meant.
 */
export function inferGrammarFromText(text: string): ContentGrammar {
  const read = readJson(text);
  const root = read.root;
  const syntaxOnly = !read.intact;
  if (root === undefined) {
    return { grammar: 'identity', reason: 'its JSON cannot be read', looksLikePolicy: true, syntaxOnly };
  }
  if (root.kind !== 'object') {
    return { grammar: 'identity', reason: 'it is no JSON object', looksLikePolicy: false, syntaxOnly };
  }
  const statements = statementsOf(root);
  if (statements === undefined) {
    return { grammar: 'identity', reason: 'it has no `Statement`', looksLikePolicy: false, syntaxOnly };
  }
  const withPrincipal = statements.findIndex(
    (s) => member(s, 'Principal') !== undefined || member(s, 'NotPrincipal') !== undefined,
  );
  if (withPrincipal < 0) {
    return { grammar: 'identity', reason: 'no statement has a `Principal`', looksLikePolicy: true, syntaxOnly };
  }
  const where = statements.length === 1 ? 'the statement' : `statement ${withPrincipal}`;
  const actions = statements.flatMap((s) => strings(member(s, 'Action')).map((a) => a.toLowerCase()));
  const trust =
    // The actions a role trust policy governs (EV-2), at least one of them an AssumeRole call.
    actions.some((a) => ASSUME_ROLE_ACTIONS.has(a)) &&
    actions.every((a) => TRUST_POLICY_ACTIONS.has(a)) &&
    statements.every((s) => member(s, 'NotAction') === undefined);
  return trust
    ? {
        grammar: 'roleTrust',
        reason: `${where} has a \`Principal\` and every action is \`sts:AssumeRole*\``,
        looksLikePolicy: true,
        syntaxOnly,
      }
    : { grammar: 'resource', reason: `${where} has a \`Principal\``, looksLikePolicy: true, syntaxOnly };
}
