/**
 * The longest text the parser reads at all: far above every AWS limit (the simulator's is 131,072) and twice the
 * largest AWS managed policy rendered with 4-space indentation (AWSSupportServiceRolePolicy, about 231,000), so a
 * refusal here never hides a finding or refuses a real policy, and low enough to keep a hostile input cheap.
 */
export const MAX_SOURCE_LENGTH = 524_288;

// `arn:PARTITION:iam::aws:policy/PATH/NAME`: IAM names AWS managed policies by the pseudo-account `aws`.
const AWS_MANAGED_POLICY_ARN =
  /^arn:(aws|aws-cn|aws-us-gov|aws-iso|aws-iso-b|aws-iso-e|aws-iso-f|aws-eusc):iam::aws:policy\/[\w+=,.@/-]+$/;

/**
 * Whether a policy id is the ARN of an AWS managed policy, in any partition. The size quota binds whoever writes a
 * policy; AWS writes these, and 81 of them are longer than the 6,144 characters of a customer managed policy.
 */
export function isAwsManagedPolicyArn(policyId: string): boolean {
  return AWS_MANAGED_POLICY_ARN.test(policyId);
}

function isJsonWhiteSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

/**
 * The size of a policy as AWS counts it (IAM-SEMANTICS §12.1). With `whiteSpaceCounted` every character counts
 * (Organizations, VPC endpoints, STS); without, white space outside strings is left out (IAM: "IAM does not count
 * white space"); white space inside a string is part of a value and counts. One pass, linear.
 */
export function policySize(text: string, whiteSpaceCounted: boolean): number {
  if (whiteSpaceCounted) return text.length;
  let size = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      size++;
      if (c === 0x5c) {
        i++;
        if (i < text.length) size++;
      } else if (c === 0x22 || c === 0x0a || c === 0x0d) {
        inString = false;
      }
    } else if (!isJsonWhiteSpace(c)) {
      size++;
      if (c === 0x22) inString = true;
    }
  }
  return size;
}
