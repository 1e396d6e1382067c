// Side-effect entry `iam-policy-evaluator/vitest/setup`: importing it registers the decision matchers with vitest's
// `expect`, so one line in vitest's `setupFiles` (or at the top of a test file) is all a project needs. The build
// links `./index.js` to the package's own `./vitest` entry instead of bundling a second copy of the engine.
import { expect } from 'vitest';
// Kept in the declarations (a value import would be dropped there): it carries the `expect(policies).toAllow(…)` types.
import './index.js';
import { iamMatchers } from './index.js';

expect.extend(iamMatchers);
