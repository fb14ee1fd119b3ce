/**
 * What `npm run bench` runs instead of main.ts: the same synthesis (runSynth, as `node main.ts` does it),
 * timed from outside the product. The policy is timed by wrapping ContactPolicyAspect.prototype.judgeApp,
 * the one call in which the aspect judges the whole app. At the end it writes one line to stderr:
 *   SYNTH_TIMINGS {"totalMs":<runSynth, from its start: imports excluded>,"policyMs":<inside judgeApp>}
 * Peak memory comes from the report-usage-on-exit.cjs preload, which bench.ts loads for every process
 * it times (synth and floor alike). Usage, after `npm run build`: node dist/scripts/timed-synth.js (same env as main.ts).
 */
import { performance } from "perf_hooks";
import { ContactPolicyAspect } from "../src/cdktf/contact-policy-aspect";
import { runSynth } from "../src/cdktf/synth-app";

export interface SynthTimings {
  totalMs: number;
  policyMs: number;
}

let policyMs = 0;
const judgeApp = ContactPolicyAspect.prototype.judgeApp;
ContactPolicyAspect.prototype.judgeApp = function (this: ContactPolicyAspect, ...args: Parameters<ContactPolicyAspect["judgeApp"]>) {
  const started = performance.now();
  try {
    return judgeApp.apply(this, args);
  } finally {
    policyMs += performance.now() - started;
  }
};

const started = performance.now();
process.exitCode = runSynth();
const timings: SynthTimings = { totalMs: performance.now() - started, policyMs };
process.stderr.write(`SYNTH_TIMINGS ${JSON.stringify(timings)}\n`);
