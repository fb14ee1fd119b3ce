import { spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { exampleText, REPO_ROOT, tempDir } from "../support/workspace";

const PERSONAL = "jane.doe@example.com";

/** The example registry with `count` accounts (the first the management account), all on the default cards. */
function registryWithAccounts(count: number, securityEmail = "aws-security@example.com"): string {
  const ids = Array.from({ length: count }, (_, i) => String(100000000000 + i));
  const accounts = ids.map((id, i) => `  "${id}": { name: acct-${i}${i === 0 ? ", management: true" : ""} }`).join("\n");
  return exampleText()
    .replace(/\naccounts:[^]*?\nexceptions:/, `\naccounts:\n${accounts}\nexceptions:`)
    .replace(/\norganizationalUnits:.*\n.*/, "\norganizationalUnits: {}")
    .replace("email: aws-security@example.com,    phone", `email: ${`${securityEmail},`.padEnd(29)}phone`);
}

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
  test("1,000 accounts whose default SECURITY card names one person: the CLI prints under 30 lines, each once; one SARIF result at the card's email; the JSON lists every account", () => {
    const registry = writeRegistry(registryWithAccounts(1000, PERSONAL));
    const outdir = tempDir("cdktf-cli-");
    // An existing, empty CLI configuration: Terraform's warning about a missing one is not this tool's output.
    const cliConfig = path.join(tempDir("terraform-cli-"), "terraform.rc");
    fs.writeFileSync(cliConfig, "");
    const run = spawnSync("npx", ["cdktf", "synth", "--output", outdir], {
      cwd: REPO_ROOT,
      encoding: "utf8",
      env: {
        ...process.env,
        CONTACTS_REGISTRY: registry,
        CONTACTS_TODAY: "2026-11-23",
        CI: "true",
        CONTACTS_LOCAL_STATE: "true",
        FORCE_COLOR: "0",
        TF_CLI_CONFIG_FILE: cliConfig,
      },
    });
    expect(run.status).toBe(1);
    const lines = `${run.stdout}\n${run.stderr}`.split("\n").filter((line) => line.trim() !== "");
    expect(lines.length).toBeLessThan(30);
    expect(lines.filter((line) => line.includes("error single-recipient"))).toEqual([
      expect.stringMatching(
        /^error single-recipient email jane\.doe@example\.com reaches 1 current person \(Jane Doe\), 2 required; affects SECURITY of 1000 accounts: 100000000000 \(acct-0\), 100000000001 \(acct-1\), 100000000002 \(acct-2\) and 997 more\. Fix: .* \S*registry\.yaml:51:\d+$/,
      ),
    ]);
    expect(tfJsonFiles(outdir)).toEqual([]);

    const sarif = JSON.parse(fs.readFileSync(path.join(outdir, "contact-policy.sarif"), "utf8"));
    expect(sarif.runs[0].results).toHaveLength(1);
    expect(sarif.runs[0].results[0]).toMatchObject({
      ruleId: "single-recipient",
      level: "error",
      locations: [{ physicalLocation: { region: { startLine: 51 } } }],
    });
    const report = JSON.parse(fs.readFileSync(path.join(outdir, "contact-policy.json"), "utf8"));
    const violating = report.violations.find((v: { ruleName: string }) => v.ruleName === "single-recipient").violatingResources;
    expect(new Set(violating.map((v: { accountId: string }) => v.accountId)).size).toBe(1000);
    expect(report.rootCauses).toHaveLength(1);
    expect(report.rootCauses[0].accounts).toHaveLength(1000);
  });

  test("killed at any moment, a failing synth leaves no Terraform configuration holding the violating contact", async () => {
    const registry = writeRegistry(registryWithAccounts(2000, PERSONAL));
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
    const moments = 16;
    for (let i = 1; i <= moments; i++) {
      const child = start();
      const exited = finished(child);
      await new Promise((resolve) => setTimeout(resolve, Math.round((duration * i) / (moments + 1))));
      child.kill("SIGKILL");
      await exited;
      const holding = tfJsonFiles(outdir).filter((file) => fs.readFileSync(path.join(outdir, file), "utf8").includes(PERSONAL));
      expect({ moment: `${i}/${moments + 1} of ${duration} ms`, holding }).toEqual({ moment: `${i}/${moments + 1} of ${duration} ms`, holding: [] });
    }
  });
});
