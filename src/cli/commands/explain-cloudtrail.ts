// `explain --cloudtrail <file> --account …`: CloudTrail events (CT-1, CT-11..CT-13) decided against an account
// snapshot (AS-6..AS-17). The library reads no files, so reading and gunzipping the log happen here.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { evaluate, explain, formatExplanation, readCloudTrailRecords } from '../../index.js';
import { CloudTrailEventError } from '../../sources/cloudtrail/cloudtrail-error.js';
import type { AccountSnapshot, AccountSnapshotIssue, EvaluateOptions, ReplayedEvent } from '../../index.js';
import { ACCESS_DENIED_ERROR_CODES } from '../../sources/cloudtrail/cloudtrail-log.js';
import { printSnapshotWarnings, resolveOrFail } from '../account-input.js';
import { CliError } from '../errors.js';
import { parseJsonFile, readText } from '../files.js';
import type { CliIo } from '../io.js';
import { palette, printJson } from '../output.js';

/** Reads a `.json` or `.json.gz` file as JSON, failing on one line naming the path. */
export function readCloudTrailFile(path: string): unknown {
  if (!path.endsWith('.gz')) return parseJsonFile(path, readText(path));
  let text: string;
  try {
    text = gunzipSync(readFileSync(path)).toString('utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CliError('file_not_found', `cannot read \`${path}\`: no such file`, 2, path);
    throw new CliError('unreadable_file', `cannot read \`${path}\`: not a gzip file`, 2, path);
  }
  return parseJsonFile(path, text);
}

/** Where an event's deny came from, in words: the statement or the policy type without an Allow. */
function decidedBy(event: ReplayedEvent): string {
  const ref = event.deniedBy;
  if (ref !== undefined) {
    const sid = ref.sid === undefined ? '' : ` (Sid \`${ref.sid}\`)`;
    const level = ref.orgLevel === undefined ? '' : ` at \`${ref.orgLevel}\``;
    return `by ${ref.policyType} \`${ref.policyId}\`${level} statement ${ref.statementIndex}${sid}`;
  }
  if (event.notAllowedBy !== undefined) return `no ${event.notAllowedBy} policy allows it`;
  if (event.serviceRule !== undefined) return 'by a service rule';
  return '';
}

function eventLine(event: ReplayedEvent): string {
  const who = event.principal ?? '?';
  const what = `${event.action ?? event.eventName ?? '?'} on ${event.resource ?? '?'}`;
  if (event.status !== 'evaluated') {
    const issue = event.issues?.[0];
    return `${event.pointer}: ${event.status}${issue === undefined ? '' : `: ${issue.code}: ${issue.message}`}`;
  }
  const aws =
    event.agreement === 'agree'
      ? 'agrees with AWS'
      : event.agreement === 'disagree'
        ? 'differs from AWS'
        : 'AWS gave no reason';
  const by = decidedBy(event);
  return `${event.pointer}: ${who} ${what}: ${event.decision ?? '?'}${by === '' ? '' : ` (${by})`}; ${aws}`;
}

/** Runs `explain --cloudtrail`: exit 1 when the engine denies any replayed event, 0 otherwise. */
export function runExplainCloudTrail(
  io: CliIo,
  path: string,
  snapshot: AccountSnapshot,
  flagOptions: EvaluateOptions,
  json: boolean,
  color: boolean,
): number {
  let log;
  try {
    log = readCloudTrailRecords(readCloudTrailFile(path));
  } catch (error) {
    if (error instanceof CloudTrailEventError) {
      const issue = error.issues[0];
      throw new CliError('invalid_cloudtrail', `\`${path}\`: ${issue.message} (${issue.code})`, 2, path);
    }
    throw error;
  }
  const options: EvaluateOptions = {
    ...(snapshot.managementAccountId === undefined ? {} : { managementAccountId: snapshot.managementAccountId }),
    ...flagOptions,
  };
  // Each event's warnings, deduplicated: a log repeats the same principal many times.
  const warnings = new Map<string, AccountSnapshotIssue>();
  const replay = log.replay(
    (read) => {
      const resolved = resolveOrFail(snapshot, read.request);
      for (const w of resolved.warnings) warnings.set(`${w.code} ${w.pointer} ${w.message}`, w);
      return resolved.input.policies;
    },
    { evaluate: options, unknownKeys: true },
  );
  const snapshotWarnings = [...warnings.values()];
  const exitCode = replay.events.some((e) => e.decision !== undefined && e.decision !== 'Allow') ? 1 : 0;
  const [only] = log.records;
  const single =
    log.records.length === 1 && only?.ok === true && ACCESS_DENIED_ERROR_CODES.has(only.value.event.errorCode ?? '')
      ? only.value
      : undefined;
  const counts = replay.counts;
  const countLine = `${counts.evaluated} denial${counts.evaluated === 1 ? '' : 's'} explained, ${counts.notDenied} non-denial${counts.notDenied === 1 ? '' : 's'} skipped${
    counts.unreadable + counts.invalidRequest === 0 ? '' : `, ${counts.unreadable + counts.invalidRequest} unreadable`
  }; the engine agrees with AWS on ${counts.agree}, differs on ${counts.disagree}, cannot tell on ${counts.unknown}`;

  // What every `--json` document of this command holds; a single denied event adds its explanation.
  const listed = { command: 'explain', ok: true, cloudtrail: path, events: replay.events, counts, snapshotWarnings };
  if (single === undefined) {
    if (json) {
      printJson(io, listed);
      return exitCode;
    }
    printSnapshotWarnings(io, snapshotWarnings, color);
    io.stdout(`${[...replay.events.map(eventLine), countLine].join('\n')}\n`);
    return exitCode;
  }

  // One denied event: the full explanation, as for a message, with the keys the event shows and those it cannot.
  const input = resolveOrFail(snapshot, single.request).input;
  const result = evaluate(input, options);
  const explanation = explain(input, result, options);
  const replayed = replay.events[0];
  if (json) {
    printJson(io, {
      ...listed,
      event: single.event,
      request: single.request,
      keys: single.keys,
      unknownKeys: single.unknownKeys,
      eventWarnings: single.warnings,
      result,
      explanation,
    });
    return exitCode;
  }
  printSnapshotWarnings(io, snapshotWarnings, color);
  for (const warning of single.warnings)
    io.stderr(`iam-policy-evaluator: ${palette(color).yellow('warning')}: ${warning}\n`);
  const p = palette(color);
  const out: string[] = [];
  out.push(
    `${p.bold('the event says')}: ${single.event.errorCode ?? ''}${single.event.errorMessage === undefined ? '' : `: ${single.event.errorMessage}`}`,
  );
  out.push(
    `  principal ${single.request.principal}, action ${single.request.action}, resource ${single.request.resource}`,
  );
  out.push('');
  if (replayed?.agreement === 'agree') out.push(p.bold(p.green('the engine agrees with the event')));
  else if (replayed?.agreement === 'disagree') out.push(`${p.bold(p.red('the engine differs from the event'))}:`);
  else out.push(p.bold('the event names no reason: the engine cannot compare'));
  for (const difference of replayed?.differences ?? []) out.push(`  - ${difference}`);
  out.push('');
  out.push(formatExplanation(explanation, { color }));
  out.push('');
  out.push(
    `context keys read from the event: ${single.keys.map((k) => `\`${k.key}=${JSON.stringify(k.value)}\` (from ${k.from})`).join(', ') || 'none'}`,
  );
  out.push(`keys the event cannot show (unknown, not absent): ${single.unknownKeys.map((k) => `\`${k}\``).join(', ')}`);
  for (const effect of replayed?.unknownKeyEffects ?? []) {
    if (effect.flips) out.push(`  \`${effect.key}\` could change the outcome: ${effect.decisions.join(' or ')}`);
  }
  io.stdout(`${out.join('\n')}\n`);
  return exitCode;
}
