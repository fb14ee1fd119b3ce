// The cdktf app (cdktf.json "app"). Kept to one call so tests can build stacks without running it.
import { runSynth } from "./src/main-flow";

process.exitCode = runSynth();
