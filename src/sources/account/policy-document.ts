// Policy documents as the AWS CLI and APIs hand them out (AS-2): a JSON object (the CLI decodes GAAD documents), a
// JSON string (organizations describe-policy `Content`, the `Policy` of s3api get-bucket-policy), or an RFC 3986
// URL-encoded JSON string (GAAD from the raw API or an SDK). Each becomes JSON text for a PolicySource, so nothing
// the evaluator later holds is shared with the caller's input.
import type { IssueList } from './snapshot-issues.js';
import { describe } from './read-json.js';

/** JSON text of a readable document, or undefined after an `invalid_policy_document` error at `pointer`. */
export function readPolicyDocument(value: unknown, pointer: string, issues: IssueList): string | undefined {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    // The 2-space rendering is what positions of an object document refer to (PolicySource.document).
    try {
      return JSON.stringify(value, null, 2);
    } catch {
      issues.error('invalid_policy_document', pointer, 'the policy document cannot be written as JSON');
      return undefined;
    }
  }
  if (typeof value !== 'string') {
    issues.error(
      'invalid_policy_document',
      pointer,
      `a policy document must be an object or JSON text, not ${describe(value)}`,
    );
    return undefined;
  }
  const text = value.trimStart().startsWith('{') ? value : decodeUrl(value);
  if (text === undefined) {
    issues.error('invalid_policy_document', pointer, 'the policy document is neither JSON text nor URL-encoded JSON');
    return undefined;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? `: ${error.message.split('\n')[0] ?? ''}` : '';
    issues.error('invalid_policy_document', pointer, `the policy document is not valid JSON${reason}`);
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    issues.error('invalid_policy_document', pointer, 'the policy document is JSON but not a JSON object');
    return undefined;
  }
  return text;
}

function decodeUrl(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}
