// The cdktf app (cdktf.json "app"). Kept to one call so tests can build stacks without running it.
import { runSynth } from "./src/cdktf/synth-app";

process.exitCode = runSynth();
