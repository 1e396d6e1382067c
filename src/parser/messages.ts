// Every message the parser and the normalizer produce, in one place (STYLE.md: lowercase, no trailing
// period, no newlines, user input in backticks, context chained with `: `).

const MAX_QUOTED = 60;

/** User input in backticks, on one line, shortened when long. */
export function quote(text: string): string {
  const shown = escapeControls(text.length > MAX_QUOTED ? text.slice(0, MAX_QUOTED) : text);
  return `\`${shown}${text.length > MAX_QUOTED ? '…' : ''}\``;
}

/** Control characters as `\uXXXX`, so a message stays on one line whatever a policy value holds. */
function escapeControls(text: string): string {
  let out = '';
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    out += c < 0x20 || c === 0x7f ? `\\u${c.toString(16).padStart(4, '0')}` : ch;
  }
  return out;
}

/** `U+201C`. */
export function codePoint(c: number): string {
  return `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** A character in backticks with its code point, or the code point alone for an invisible one. */
export function describeChar(c: number): string {
  if (c < 0x20 || c === 0x7f || (c >= 0x80 && c <= 0xa0) || c === 0xad || (c >= 0x2000 && c <= 0x200f) || c === 0xfeff)
    return codePoint(c);
  return `\`${String.fromCodePoint(c)}\` (${codePoint(c)})`;
}

/** The first `${…}` of a string, as written. */
function variableIn(value: string): string {
  const start = value.indexOf('${');
  if (start < 0) return value;
  const end = value.indexOf('}', start);
  return end < 0 ? value.slice(start) : value.slice(start, end + 1);
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

export const MESSAGES = {
  // JSON text
  emptyDocument: (): string => 'the document is empty: a policy is one JSON object',
  unexpectedEnd: (expected: string): string => `unexpected end of the document: expected ${expected}`,
  unexpectedCharacter: (c: number, expected: string): string => `unexpected ${describeChar(c)}: expected ${expected}`,
  unexpectedWord: (word: string, expected: string): string => `unexpected ${quote(word)}: expected ${expected}`,
  unknownLiteral: (word: string, suggestion: string): string =>
    `unknown literal ${quote(word)}: JSON writes it as \`${suggestion}\``,
  unclosed: (what: 'object' | 'array', line: number, column: number): string =>
    `the ${what} opened at line ${line} column ${column} is not closed: add \`${what === 'object' ? '}' : ']'}\``,
  mismatchedClose: (found: string, what: 'object' | 'array', line: number, column: number): string =>
    `unexpected \`${found}\`: the ${what} opened at line ${line} column ${column} closes with \`${what === 'object' ? '}' : ']'}\``,
  missingColon: (key: string): string => `missing \`:\` after the key ${quote(key)}`,
  unquotedKey: (key: string): string => `the key ${quote(key)} must be in double quotes`,
  singleQuotes: (): string => 'strings must be in double quotes `"`, not single quotes `\'`',
  unterminatedString: (): string => 'the string is not closed: add `"` before the end of the line',
  controlCharacterInString: (c: number): string => `character ${codePoint(c)} must be escaped inside a string`,
  invalidEscape: (seq: string): string => `invalid escape ${quote(seq)} in a string`,
  invalidNumber: (text: string): string => `invalid number ${quote(text)}`,
  tooDeep: (max: number): string => `the document nests deeper than ${max} levels`,
  missingComma: (after: string): string => `missing \`,\` after ${after}`,
  afterValueOfKey: (key: string): string => `the value of ${quote(key)}`,
  afterArrayItem: (index: number): string => `array item ${index}`,
  typographicQuote: (c: number): string =>
    `typographic quote ${describeChar(c)}: JSON strings use straight double quotes \`"\``,
  trailingComma: (): string => 'trailing `,`: JSON does not allow a comma before a closing bracket',
  comment: (): string => 'comments are not allowed in JSON policies',
  duplicateKey: (key: string, line: number, column: number): string =>
    `duplicate key ${quote(key)}: it is already set at line ${line} column ${column}`,
  invalidCharacter: (c: number): string =>
    `character ${describeChar(c)} is not allowed: policies accept tab, line feed, carriage return and U+0020 to U+00FF`,
  nonBreakingSpace: (c: number): string => `character ${describeChar(c)} is not JSON white space: use a plain space`,
  secondDocument: (): string => 'a second JSON value starts here: a policy is exactly one JSON object',
  // values given as objects
  unsupportedValue: (what: string): string => `${what} is not a JSON value`,
  unsupportedSource: (what: string): string => `the policy must be JSON text or an object, not ${what}`,
  unreadableSource: (reason: string): string => `the policy object could not be read: ${quote(reason)}`,
  // size
  policyTooLarge: (size: number, limit: number, label: string, whiteSpaceCounted: boolean): string =>
    `the policy has ${plural(size, 'character')}${whiteSpaceCounted ? '' : ' not counting white space'}: ${label} allows at most ${limit}`,
  sourceTooLarge: (size: number, limit: number): string =>
    `the document has ${plural(size, 'character')}: the parser reads at most ${limit}`,
  invalidMaxSize: (value: string): string =>
    `invalid \`maxSize\` ${quote(value)}: use a positive whole number of characters`,
  invalidAwsManaged: (value: string): string => `invalid \`awsManaged\` ${quote(value)}: use \`true\` or \`false\``,
  // document grammar
  unknownPolicyType: (name: string): string =>
    `unknown policy type ${quote(name)}: use one of \`identity\`, \`resource\`, \`roleTrust\`, \`permissionsBoundary\`, \`session\`, \`scp\`, \`rcp\`, \`vpcEndpoint\``,
  notAnObject: (found: string): string => `a policy is a JSON object: found ${found}`,
  unknownElement: (name: string, where: string): string => `unknown element ${quote(name)} in ${where}`,
  statementElementAtTop: (name: string): string =>
    `${quote(name)} belongs inside a statement: put the statement under \`"Statement"\``,
  elementNotAllowed: (name: string, label: string): string => `${quote(name)} is not allowed in ${label}`,
  invalidType: (name: string, expected: string, found: string): string => `${name} must be ${expected}: found ${found}`,
  missingStatement: (): string => 'the policy has no `Statement`',
  bareStatement: (): string =>
    'this is a statement, not a policy: wrap it in `{"Version": "2012-10-17", "Statement": [ … ]}`',
  emptyStatementList: (): string => '`Statement` is an empty array: the policy grants and denies nothing',
  invalidVersion: (version: string, allowed: readonly string[]): string =>
    `invalid version ${quote(version)}: use ${allowed.map((v) => `\`${v}\``).join(' or ')}`,
  missingVersionWarning: (): string =>
    'the policy has no `Version`: policy variables are then read literally; add `"Version": "2012-10-17"`',
  missingVersionError: (label: string): string => `${label} needs \`"Version": "2012-10-17"\``,
  idDiscouraged: (label: string): string => `\`Id\` is meant for resource-based policies, not ${label}`,
  invalidSid: (sid: string): string => `invalid sid ${quote(sid)}: use only letters and digits`,
  duplicateSid: (sid: string, firstIndex: number): string =>
    `duplicate sid ${quote(sid)}: statement ${firstIndex} already uses it`,
  emptySid: (): string => 'empty `Sid`: remove it or give it a name',
  // statement grammar
  missingEffect: (): string => 'the statement has no `Effect`: add `"Effect": "Allow"` or `"Effect": "Deny"`',
  invalidEffect: (effect: string): string =>
    `invalid effect ${quote(effect)}: use \`Allow\` or \`Deny\` (case-sensitive)`,
  missingElement: (name: string, alternative: string): string =>
    `the statement has no \`${name}\`: add \`${name}\` or \`${alternative}\``,
  missingAction: (): string => 'the statement has no `Action`',
  bothElements: (name: string, other: string): string =>
    `the statement has both \`${name}\` and \`${other}\`: keep one`,
  invalidAction: (action: string): string =>
    `invalid action ${quote(action)}: write \`service:ActionName\`, e.g. \`s3:GetObject\`, or \`*\``,
  notAnArn: (resource: string): string =>
    `invalid resource ${quote(resource)}: write \`*\` or an ARN \`arn:partition:service:region:account:resource\``,
  missingArnField: (resource: string, fields: number): string =>
    `invalid resource ${quote(resource)}: an ARN has 6 fields separated by \`:\`, found ${fields}`,
  arnServiceCase: (resource: string, service: string): string =>
    `invalid resource ${quote(resource)}: the service ${quote(service)} must be lower-case`,
  emptyArray: (name: string): string => `${name} is empty: the statement then has no effect`,
  emptyConditionValues: (key: string, operator: string): string =>
    `no values for ${quote(key)} under ${quote(operator)}: see IAM-SEMANTICS C-27 for what an empty list means`,
  // principals
  principalRequired: (label: string): string =>
    `the statement has no \`Principal\`: ${label} needs \`Principal\` or \`NotPrincipal\``,
  principalRequiredOnly: (label: string): string => `the statement has no \`Principal\`: ${label} needs it`,
  notPrincipalWithAllow: (): string => '`NotPrincipal` is only supported with `"Effect": "Deny"`',
  partialWildcardPrincipal: (value: string): string =>
    `principal ${quote(value)} holds a wildcard: only \`*\` alone (everyone) is allowed; match patterns with an \`aws:PrincipalArn\` condition`,
  invalidPrincipal: (type: string, value: string, expected: string): string =>
    `invalid \`${type}\` principal ${quote(value)}: expected ${expected}`,
  bareStringPrincipal: (value: string): string =>
    `invalid principal ${quote(value)}: a string principal must be \`*\`; name others under a type, e.g. {"AWS": "…"}`,
  unknownPrincipalType: (type: string): string =>
    `unknown principal type ${quote(type)}: use \`AWS\`, \`Service\`, \`Federated\` or \`CanonicalUser\``,
  rcpAllowNotSupported: (): string =>
    'resource control policies support `Allow` only in `RCPFullAWSAccess` (`Allow` with `"Principal": "*"`, `"Action": "*"` and `"Resource": "*"`, nothing else): write `Deny` statements',
  principalNotStar: (): string =>
    'resource control policies use `"Principal": "*"` and narrow principals with conditions',
  // conditions
  unknownOperator: (operator: string): string => `unknown condition operator ${quote(operator)}`,
  unknownQualifier: (qualifier: string): string =>
    `unknown set qualifier ${quote(qualifier)}: use \`ForAllValues\` or \`ForAnyValue\``,
  nullWithIfExists: (operator: string): string => `${quote(operator)} is not allowed: \`Null\` takes no \`IfExists\``,
  ifExistsNotAccepted: (operator: string, base: string): string =>
    `${quote(operator)} is not allowed: \`${base}\` takes no \`IfExists\``,
  nullWithQualifier: (operator: string): string =>
    `${quote(operator)} is not allowed: a set qualifier on \`Null\` is always true or always false`,
  qualifierNotAccepted: (operator: string, base: string): string =>
    `${quote(operator)} is not allowed: \`${base}\` takes no set qualifier`,
  multipleBoolValues: (key: string, operator: string): string =>
    `${quote(key)} has several values under ${quote(operator)}: a boolean condition takes one value`,
  duplicateConditionKey: (key: string, first: string, operator: string): string =>
    `condition key ${quote(key)} repeats ${quote(first)} under ${quote(operator)}: keys are case-insensitive, merge them`,
  invalidConditionKey: (key: string): string =>
    `invalid condition key ${quote(key)}: write \`prefix:name\`, e.g. \`aws:SourceIp\``,
  unknownGlobalKey: (key: string, suggestion: string | undefined): string =>
    suggestion === undefined
      ? `unknown global condition key ${quote(key)}: no request carries it, so conditions see it missing`
      : `unknown global condition key ${quote(key)}: did you mean ${quote(suggestion)}`,
  tagKeyMissing: (key: string, prefix: string): string =>
    `${quote(key)} names no tag: write ${quote(`${prefix}KEY`)} with the tag key`,
  invalidConditionValue: (value: string, operator: string, reason: string): string =>
    // The reason quotes the value too (an operator's own reading of it): escaped the same way.
    `invalid value ${quote(value)} for ${quote(operator)}: ${escapeControls(reason)}`,
  unknownService: (action: string, prefix: string, suggestion: string | undefined): string =>
    `${quote(action)} names the unknown service prefix ${quote(prefix)}, so it never matches a request` +
    (suggestion === undefined ? '' : `: did you mean ${quote(suggestion)}`),
  patternMatchesNothing: (pattern: string): string =>
    `the pattern ${quote(pattern)} matches no action of the catalogue, so it never matches a request`,
  unknownCatalogueAction: (action: string, suggestion: string | undefined): string =>
    `${quote(action)} is not an action of the catalogue, so it never matches a request` +
    (suggestion === undefined ? '' : `: did you mean ${quote(suggestion)}`),
  wildcardOnlyAction: (action: string): string =>
    `${quote(action)} supports no resource-level permissions: its requests name \`*\`, which no \`Resource\` of this statement matches, so the statement never applies to it: write \`"Resource": "*"\``,
  resourceNeverFits: (action: string, patterns: readonly string[], types: string): string =>
    `${quote(action)} acts on ${types}: no \`Resource\` of this statement (${patterns.map(quote).join(', ')}) names one, so the statement never applies to it`,
  unknownServiceKey: (key: string, suggestion: string | undefined): string =>
    `${quote(key)} is not a condition key of the catalogue: no request carries it, so conditions see it missing` +
    (suggestion === undefined ? '' : `: did you mean ${quote(suggestion)}`),
  keyNotSupported: (key: string, actions: readonly string[]): string =>
    `no action of this statement supports ${quote(key)} (${actions.length === 1 ? quote(actions[0] ?? '') : `${actions.length} actions`}): their requests never carry it, so conditions see it missing`,
  typeMismatch: (key: string, type: string, operator: string): string =>
    `${quote(key)} is of type \`${type}\`, which ${quote(operator)} does not read: the condition never holds as meant`,
  forAnyValueSingleValued: (key: string, operator: string): string =>
    `\`ForAnyValue\` on the single-valued key ${quote(key)}: write ${quote(operator.slice('ForAnyValue:'.length))} without a qualifier`,
  forAllValuesSingleValued: (key: string): string =>
    `\`ForAllValues\` on the single-valued key ${quote(key)} is true when the key is missing: use the operator without a qualifier`,
  missingQualifier: (key: string, operator: string): string =>
    `${quote(key)} is multivalued: write \`ForAnyValue:${operator}\` or \`ForAllValues:${operator}\``,
  wildcardWithoutLike: (value: string, operator: string): string =>
    `${quote(value)} holds \`*\` or \`?\`, which ${quote(operator)} compares literally: use a \`…Like\` operator for wildcards`,
  emptyCondition: (): string => '`Condition` is empty: remove it',
  emptyConditionBlock: (operator: string): string => `${quote(operator)} has no keys: remove it`,
  // policy variables
  variableMissingBrace: (text: string): string => `policy variable ${quote(text)} has no closing \`}\``,
  variableMissingQuote: (text: string): string =>
    `policy variable ${quote(text)}: a default value is written \`, 'default'\` in single quotes`,
  variableSpace: (text: string): string => `policy variable ${quote(text)} holds a space`,
  variableEmpty: (text: string): string => `policy variable ${quote(text)} is empty`,
  variableBadName: (text: string): string => `policy variable ${quote(text)} is not a condition key name`,
  variableNotAllowedIn: (value: string, where: string): string =>
    `policy variable ${quote(variableIn(value))} is not allowed in ${where}`,
  variableInArnPrefix: (text: string): string =>
    `policy variable ${quote(text)} is not allowed here: variables may appear only in the resource part of an ARN, after the fifth \`:\``,
  variableInArnAccount: (text: string): string =>
    `policy variable ${quote(text)} stands in the account field: AWS documents variables only in the resource part of an ARN, after the fifth \`:\`; IAM stores it and it is substituted when evaluating`,
  variableLiteral: (text: string): string =>
    `${quote(text)} is read literally: policy variables need \`"Version": "2012-10-17"\``,
  multivaluedVariable: (key: string): string =>
    `policy variable ${quote(key)} names a multivalued key: only single-valued keys may be variables`,
} as const;
