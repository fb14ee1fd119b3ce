import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { registryWithAccounts } from "../support/registry-at-scale";
import { REPO_ROOT, tempDir } from "../support/workspace";

const PERSONAL = "jane.doe@example.com";

function writeRegistry(text: string): string {
  const file = path.join(tempDir("registry-"), "registry.yaml");
  fs.writeFileSync(file, text);
  return file;
}

const tfJsonFiles = (outdir: string) =>
  fs.existsSync(outdir)
    ? fs
        .readdirSync(outdir, { recursive: true })
        .map(String)
        .filter((f) => f.endsWith(".tf.json"))
    : [];

describe("a failing synth at scale", () => {
  test("killed at any moment, a failing synth leaves no Terraform configuration holding the violating contact", async () => {
    // 1,000 accounts: about half of the app's CPU is then past loading its modules (reading, judging, writing the
    // reports and evidence), so the moments below land in every phase of the synth, not mostly in start-up.
    const registry = writeRegistry(registryWithAccounts(1000, PERSONAL));
    const outdir = tempDir("cdktf-out-");
    // The app exactly as `cdktf synth` runs it (cdktf.json's app command), without the CLI in between: the process a kill ends.
    const [command, ...args] = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "cdktf.json"), "utf8")).app.split(" ");
    const start = () =>
      spawn(command, args, {
        cwd: REPO_ROOT,
        env: { ...process.env, CONTACTS_REGISTRY: registry, CONTACTS_TODAY: "2026-11-23", CDKTF_OUTDIR: outdir, CONTACTS_LOCAL_STATE: "true" },
        stdio: "ignore",
      });
    const finished = (child: ReturnType<typeof start>) => new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    const began = Date.now();
    expect(await finished(start())).toBe(1);
    const duration = Date.now() - began;
    // One kill in each eighth of the run, at a random point within it: every run covers the whole synth, and
    // runs together cover every moment of it (the moment is in the failure).
    const slices = 8;
    for (let i = 0; i < slices; i++) {
      const moment = Math.round((duration * (i + Math.random())) / slices);
      const child = start();
      const exited = finished(child);
      await new Promise((resolve) => setTimeout(resolve, moment));
      child.kill("SIGKILL");
      await exited;
      const holding = tfJsonFiles(outdir).filter((file) => fs.readFileSync(path.join(outdir, file), "utf8").includes(PERSONAL));
      expect({ moment: `${moment} of ${duration} ms`, holding }).toEqual({ moment: `${moment} of ${duration} ms`, holding: [] });
    }
  });
});
