// Replaying CloudTrail (issue 15, CT-11..CT-13): 100,000 synthetic AccessDenied events against a small policy set,
// read and replayed in memory. Run: npm run bench -- cloudtrail (figures are recorded in docs/benchmarks.md).
// Assertions: none; this prints figures.
import { performance } from 'node:perf_hooks';
import { readCloudTrailRecords } from '../../src/index.js';
import type { PolicySet } from '../../src/index.js';

const ACCOUNT = '111122223333';
const EVENTS = 100_000;
const doc = (...Statement: object[]) => ({ Version: '2012-10-17', Statement });
const policies: PolicySet = {
  identity: [
    { id: 'ReadReports', document: doc({ Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: '*' }) },
    { id: 'NoDelete', document: doc({ Effect: 'Deny', Action: ['s3:DeleteObject', 'kms:*'], Resource: '*' }) },
  ],
};
const calls = [
  { eventSource: 's3.amazonaws.com', eventName: 'DeleteObject', action: 's3:DeleteObject', explicit: true },
  { eventSource: 's3.amazonaws.com', eventName: 'PutObject', action: 's3:PutObject', explicit: false },
  { eventSource: 'kms.amazonaws.com', eventName: 'Decrypt', action: 'kms:Decrypt', explicit: true },
  {
    eventSource: 'lambda.amazonaws.com',
    eventName: 'GetFunction20150331v2',
    action: 'lambda:GetFunction',
    explicit: false,
  },
];

function events(): object[] {
  return Array.from({ length: EVENTS }, (_, i) => {
    const call = calls[i % calls.length] as (typeof calls)[number];
    const user = `arn:aws:iam::${ACCOUNT}:user/user-${i % 500}`;
    const reason = call.explicit
      ? 'with an explicit deny in an identity-based policy'
      : `because no identity-based policy allows the ${call.action} action`;
    return {
      eventVersion: '1.10',
      userIdentity: { type: 'IAMUser', principalId: `AIDAEXAMPLE${i % 500}`, arn: user, accountId: ACCOUNT },
      eventTime: `2024-05-01T12:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}Z`,
      eventSource: call.eventSource,
      eventName: call.eventName,
      awsRegion: 'us-east-1',
      sourceIPAddress: `198.51.100.${i % 250}`,
      errorCode: 'AccessDenied',
      errorMessage: `User: ${user} is not authorized to perform: ${call.action} ${reason}`,
      requestParameters: { bucketName: 'reports', key: `k/${i}`, functionName: 'build' },
      recipientAccountId: ACCOUNT,
      tlsDetails: { tlsVersion: 'TLSv1.3' },
    };
  });
}

const log = { Records: events() };
const rounds: { read: number; replay: number; agree: number }[] = [];
for (let round = 0; round < 3; round += 1) {
  const start = performance.now();
  const records = readCloudTrailRecords(log);
  const read = performance.now();
  const replay = records.replay(() => policies);
  const end = performance.now();
  rounds.push({ read: read - start, replay: end - read, agree: replay.counts.agree });
}
console.log('| round | read (ms) | replay (ms) | events/s, read + replay | agree |');
console.log('| ---: | ---: | ---: | ---: | ---: |');
rounds.forEach((r, i) => {
  const rate = Math.round((EVENTS * 1000) / (r.read + r.replay));
  console.log(
    `| ${i + 1} | ${r.read.toFixed(0)} | ${r.replay.toFixed(0)} | ${rate.toLocaleString('en-US')} | ${r.agree} |`,
  );
});
console.log(`\n${EVENTS.toLocaleString('en-US')} events, Node ${process.version}`);
