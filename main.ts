// The cdktf app (cdktf.json "app"). Kept to one call so tests can build stacks without running it.
import { runSynth } from "./src/cdktf/synth-app";
import { inertText } from "./src/reports/inert-text";
import { EXIT_INTERNAL_ERROR } from "./src/run/exit-codes";

try {
  process.exitCode = runSynth();
} catch (error) {
  // Not the user's mistake (those are one line and exit 2): a bug. Never Node's own exit 1, which a pipeline
  // reads as "policy failed", and never a raw trace, which may hold a hostile value.
  process.stderr.write(
    inertText(
      `contacts synth: internal error, a bug in contacts rather than in your input; please report it with this trace:\n${(error as Error)?.stack ?? error}\n`,
    ),
  );
  process.exitCode = EXIT_INTERNAL_ERROR;
}
