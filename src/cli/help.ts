/** The `--help` texts, one a command, each with runnable examples from this repository's `examples/`. */

const BIN = 'iam-policy-evaluator';

export const MAIN_HELP = `${BIN}: evaluate AWS IAM policies offline and explain every decision

usage:
  ${BIN} eval      --principal <arn> --action <service:Action> [--resource <arn>] <policies…>
  ${BIN} explain   "<AccessDenied message>" <policy folders or files…>
  ${BIN} validate  [--type <grammar>] <files, folders or globs…>
  ${BIN} test      <intent suite files, folders or globs…> [--junit <file>] [--coverage]
  ${BIN} diff      --before <folder> --after <folder> [requests or suite files…]
  ${BIN} actions   <action patterns…>
  ${BIN} <command> --help

options for every command:
  --json            print one JSON document (schemas/cli-output.schema.json) instead of text
  --color, --no-color
                    colour the text; by default only on a terminal, off with NO_COLOR, on with FORCE_COLOR
  -h, --help        show help
  --version         print the version and the service catalogue's version and date

exit codes: 0 allowed / valid / passed, 1 denied / invalid policy / failed, 2 bad usage or unreadable input

examples:
  ${BIN} explain "User: arn:aws:iam::123456789012:user/tester is not authorized to perform: ec2:RunInstances on resource: arn:aws:ec2:us-east-1:123456789012:instance/* with an explicit deny in a service control policy" examples/scenarios/08-scp-deny/policies
  ${BIN} eval --request examples/scenarios/02-mfa-notaction/scenario.json --policies examples/scenarios/02-mfa-notaction/policies
  ${BIN} validate 'examples/scenarios/*/policies/**/*.json'
  ${BIN} validate examples/scenarios/06-vpce-only/as-pasted/bucket-policy.txt
  ${BIN} actions 's3:Get*' '*:Delete*'
`;

const POLICY_FLAGS = `policies (repeat flags as needed; a policy's id is its file name without .json):
  <folder>, --policies <folder>
                               a folder laid out by type: identity/ resource/ trust/ permissions-boundary/
                               session/ vpc-endpoint/ scp/<N>-<target>/ rcp/<N>-<target>/
  <file>                       a policy file, typed by its folder's name (identity/, resource/, trust/, …);
                               in any other folder it is an identity-based policy
  --type <grammar> <file…>     the type of the files after it, up to the next --type: identity, resource,
                               roleTrust, permissionsBoundary, session or vpcEndpoint (as for validate; SCPs and
                               RCPs need their level: --scp <level>=<file>)
  --identity <file>            an identity-based policy (user, group or role)
  --resource-policy <file>     the resource-based policy (a role's trust policy for sts:AssumeRole*);
                               --resource <file> works too: a value that is not an ARN or * is a policy file
  --trust <file>               a role trust policy (checked with the trust-policy grammar)
  --boundary <file>            the permissions boundary
  --session <file>             a session policy
  --scp <level>=<file>         an SCP at a level of the principal's path, root first: r-root, ou-…, account id
  --rcp <level>=<file>         an RCP at a level of the resource's path
  --vpc-endpoint <file>        the VPC endpoint policy of the endpoint the request came through
  --account <gaad.json>        instead of policy files: the policies of an account snapshot (docs/aws-inputs.md),
                               aws iam get-account-authorization-details output (one page or an array of pages)
  --org <folder>               with --account: the organization folder (org/ of examples/account)
  --resource-policy <ARN>=<file>  with --account: the policy stored under a resource ARN (repeat)
  --cloudtrail <file>          explain only, with --account: a CloudTrail event or log (.json or .json.gz)`;

const CONTEXT_FLAGS = `  --context <key=value>        a context key with a string value (repeatable)
  --context <key:=json>        a number, boolean or array: aws:MultiFactorAuthPresent:=true, aws:TagKeys:='["a","b"]'
  --resource-account <id>      the account owning the resource when its ARN has none (S3 buckets)
  --now <time>                 the request time (aws:CurrentTime), ISO 8601; the clock is never read
  --management-account <id>    the organization's management account (SCPs and RCPs do not apply to it)
  --no-service-rules           policy logic alone: AWS's service rules (docs/service-rules.md) do not decide
  --no-catalogue               no service catalogue (docs/catalogue.md): no warnings on unknown actions,
                               resource types or condition keys; decisions are the same`;

export const EVAL_HELP = `${BIN} eval: decide one request against policies, and explain the decision

usage:
  ${BIN} eval --principal <arn> --action <service:Action> [--resource <arn>] [--context k=v…] <policies…>
  ${BIN} eval --request <request.json> <policies…>

request:
  --principal <arn>            the caller: IAM user, role session (arn:aws:sts::A:assumed-role/R/S), …
  --action <service:Action>    the action
  --resource <arn>             the resource ARN (default *)
  --request <file.json>        { principal, action, resource?, resourceAccount?, context? }; a scenario.json works too;
                               flags given as well win over the file
${CONTEXT_FLAGS}

${POLICY_FLAGS}

output: the decision, the AWS AccessDenied wording for a deny, the deciding statement with its lines, every
condition with request and policy values, and what would change the outcome. --json prints the full result.
A request value the engine cannot read (--context aws:SourceIp=10.0.0.300, --now yesterday) is refused, naming
its flag or request file field; an aws: context key that is no global key draws a warning with the nearest one.
exit code: 0 allowed, 1 denied or an invalid policy, 2 bad usage or unreadable input.

examples:
  ${BIN} eval --request examples/scenarios/02-mfa-notaction/scenario.json --policies examples/scenarios/02-mfa-notaction/policies
  ${BIN} eval --principal arn:aws:iam::123456789012:user/alice --action ec2:StopInstances \\
      --context aws:MultiFactorAuthPresent:=true examples/scenarios/02-mfa-notaction/policies
  ${BIN} eval --request examples/scenarios/04-bucket-policy-deny/scenario.json \\
      examples/scenarios/04-bucket-policy-deny/policies/identity/S3Access.json \\
      --type resource examples/scenarios/04-bucket-policy-deny/policies/resource/MyExampleBucket.json
  ${BIN} eval --principal arn:aws:iam::123456789012:user/tester --action ec2:RunInstances \\
      --identity examples/scenarios/08-scp-deny/policies/identity/Ec2Admin.json \\
      --scp r-root=examples/scenarios/08-scp-deny/policies/scp/0-r-root/FullAWSAccess.json --json
`;

export const EXPLAIN_HELP = `${BIN} explain: from an AccessDenied message to the statement that denied, and what would change it

usage:
  ${BIN} explain "<message>" <policy folders or files…> [--context k=v…]
  <command that prints the message> | ${BIN} explain <policy folders or files…>

The message is read from the first argument, or from standard input when the first argument is a policy folder or
file (or is -). It may carry the AWS CLI prefix, line breaks and quotes from a paste. A folder is laid out by type
(see eval --help); a file's type comes from the --type before it (--type resource bucket.json), else from its
folder's name (identity/, resource/, scp/0-r-root/, …), else it is an identity-based policy; policy flags work
too (--identity, --scp r-root=…, …).

The message carries no context keys: give those the request had with --context.
${CONTEXT_FLAGS}

output: what the message says, the engine's verdict on the same request and where they differ, the deciding
statement with its lines, every condition with request and policy values, and what would change the outcome.
exit code: 0 when the engine allows the request, 1 when it denies it, 2 bad usage or a message it cannot read.

examples:
  ${BIN} explain "User: arn:aws:iam::123456789012:user/tester is not authorized to perform: ec2:RunInstances on resource: arn:aws:ec2:us-east-1:123456789012:instance/* with an explicit deny in a service control policy" examples/scenarios/08-scp-deny/policies
  ${BIN} explain "User: arn:aws:sts::123456789012:assumed-role/Ec2Operator/ops-session is not authorized to perform: ec2:RunInstances on resource: arn:aws:ec2:us-east-1:123456789012:instance/* with an explicit deny in an identity-based policy" examples/scenarios/03-anded-conditions/policies --context ec2:InstanceType=t2.micro
  pbpaste | ${BIN} explain examples/scenarios/07-boundary-deny/policies
`;

export const VALIDATE_HELP = `${BIN} validate: check policy files and report every issue with its file, line and column

usage:
  ${BIN} validate [--type <grammar>] <files, folders or globs…> [--type <grammar> <files…>]

A folder stands for every .json file below it; a glob (quote it) is matched with micromatch against the files below
its static part. JSON syntax is checked whatever the grammar. Each file's grammar comes from
  1. the --type before it: a --type applies to every file, folder or glob after it, up to the next --type;
  2. else the name of its folder: identity, resource, trust, permissions-boundary, session, vpc-endpoint, scp, rcp;
  3. else its content: a Principal or NotPrincipal in any statement makes it resource-based, or a role trust policy
     when every action is sts:AssumeRole, sts:AssumeRoleWithSAML or sts:AssumeRoleWithWebIdentity (with
     sts:TagSession, sts:SetSourceIdentity, sts:SetContext); anything else is identity-based. The output says so.
In a folder or a glob, JSON files outside the type folders that are not policies (no Statement: a scenario.json, a
package.json) are skipped, and so are a folder's files that are not .json; each is listed with the reason.

  --type <grammar>   identity | resource | roleTrust | permissionsBoundary | session | scp | rcp | vpcEndpoint
                     (kebab-case works too: role-trust, permissions-boundary, vpc-endpoint)
  --no-catalogue     skip the service catalogue's checks (docs/catalogue.md): unknown actions, resource types
                     an action cannot take, condition keys and their types

output: one line per issue, \`file:line:column: severity code: message\`, a line for each grammar read from the
content and each skipped file, then a summary. --json lists every file with its grammar, where it came from
(grammarSource: type, folder or content) and why, and every skipped file with the reason.
exit code: 0 when every file is valid (warnings allowed), 1 when any has an error, 2 bad usage.

examples:
  ${BIN} validate examples/scenarios
  ${BIN} validate 'examples/scenarios/*/policies/scp/**/*.json'
  ${BIN} validate examples/scenarios/06-vpce-only/as-pasted/bucket-policy.txt
  ${BIN} validate --type resource bucket-policy.json --type identity deploy-role.json
`;

export const ACTIONS_HELP = `${BIN} actions: what action patterns cover, from the bundled AWS service catalogue

usage:
  ${BIN} actions <pattern…> [--json]

Each pattern is matched as the Action element matches it: case-insensitive, * and ? in the service or the action
(s3:Get*, *:Delete*, s3:GetObject). For each: a line with the count, then one line per action with its access
level and resource types ((required) where the reference marks one required; * for an action that takes only
"Resource": "*"). A pattern that covers nothing gets the nearest name.
--json prints every action with its access level, resource types (name, ARN format, required) and condition keys.
exit code: 0 when every pattern covers an action, 1 when one covers none, 2 bad usage.

examples:
  ${BIN} actions 's3:Get*'
  ${BIN} actions '*:Delete*' --json
  ${BIN} actions s3:GetObjects
`;
