/** Registries and runs the evidence tests share: the example as an audited organization looks, and synth run in this process. */
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { runSynth } from "../../src/cdktf/synth-app";
import { runCli } from "../../src/cli/main";
import { exampleWith, tempDir, TODAY } from "../support/workspace";

/**
 * The example with what an audit finds in a real organization: a development account whose SECURITY
 * contact is its lead's own address, waived by an exception until a team alias exists; and an on-call
 * group whose yearly review is due in 17 days (a warning on every contact that uses it).
 */
export function auditedExample(): string {
  return exampleWith(
    [
      'payments-oncall:   { name: Payments On-call,     title: Operations,          email: payments-oncall@example.com, phone: "+1 206 555 0140" }',
      'payments-oncall:   { name: Payments On-call,     title: Operations,          email: payments-oncall@example.com, phone: "+1 206 555 0140" }\n  dev-lead:          { name: Jane Doe,             title: Engineering Lead,    email: jane.doe@example.com,        phone: "+1 206 555 0101" }',
    ],
    [
      '"333333333333": { name: payments-dev, ou: Workloads/Payments/Dev }',
      '"333333333333": { name: payments-dev, ou: Workloads/Payments/Dev, contacts: { security: dev-lead } }',
    ],
    ['reviewed: "2026-08-20"', 'reviewed: "2025-12-10"'],
    [
      "exceptions: []",
      'exceptions:\n  - { rule: single-recipient, account: "333333333333", type: SECURITY, reason: "Development account: its lead answers until the team alias exists", expires: "2027-01-31" }',
    ],
  );
}

/** Registry values that would run as script or render as markup if the page did not escape them. */
export const INJECTED = {
  cardName: "</script><script>window.pwned=1</script>",
  otherCardName: "<img src=x onerror=window.pwned=2>",
  groupName: "<img src=x onerror=window.pwned=3>",
  personName: "Jane <i>Doe</i>",
};

export function injectedExample(): string {
  return exampleWith(
    ["name: Payments On-call,", `name: "${INJECTED.cardName}",`],
    ["name: Payments Security,", `name: "${INJECTED.otherCardName}",`],
    ["name: Cloud security team", `name: "${INJECTED.groupName}"`],
    ["name: Jane Doe,", `name: "${INJECTED.personName}",`],
  );
}

/** A registry file in a fresh folder. */
export function writeRegistry(text: string): string {
  const file = path.join(tempDir("evidence-registry-"), "registry.yaml");
  fs.writeFileSync(file, text);
  return file;
}

/** runSynth in this process, as `cdktf synth` runs main.ts, into `outdir`, its output captured. */
export function synthInto(outdir: string, registry: string): { status: number; output: string } {
  let output = "";
  const spies = [
    jest.spyOn(process.stderr, "write").mockImplementation((chunk) => ((output += String(chunk)), true)),
    jest.spyOn(process.stdout, "write").mockImplementation((chunk) => ((output += String(chunk)), true)),
  ];
  const saved = process.env.CDKTF_OUTDIR;
  try {
    return { status: runSynth({ CONTACTS_REGISTRY: registry, CDKTF_OUTDIR: outdir, CONTACTS_TODAY: TODAY }), output };
  } finally {
    spies.forEach((spy) => spy.mockRestore());
    if (saved === undefined) delete process.env.CDKTF_OUTDIR;
    else process.env.CDKTF_OUTDIR = saved;
  }
}

/** `contacts <args>` in this process (no AWS calls), with what it printed. */
export async function contactsCli(args: string[], cwd: string): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const status = await runCli(args, {
    cwd,
    env: { CONTACTS_TODAY: TODAY },
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
  });
  return { status, stdout, stderr };
}

/** What `contacts drift --format json` prints when it compared `registryText` (the registry as it is now) and found `drift`. */
export function driftReport(drift: object[], registryText: string, readAt = "2026-11-23T06:00:00.000Z", accountsRead = 6): string {
  const registry = { file: "contacts/registry.yaml", sha256: createHash("sha256").update(registryText).digest("hex") };
  return JSON.stringify({ inSync: drift.length === 0, readAt, registry, accountsRead, causes: [], drift, failures: [] }, null, 2);
}
