/**
 * `npm run bench:commands`: the `contacts` commands as a pipeline runs them, on generated organizations.
 * - validate: the registry loaded and judged as synth judges it, without cdktf (an editor's or a
 *   pre-commit hook's quick check).
 * - review: the registry at HEAD against a working tree where one group lost a member and one card's
 *   email moved (every account changes reach, some change values), Markdown output.
 * - check-plan: a JSON plan holding every alternate and primary contact of every account (what the
 *   first plan of a whole organization holds), shaped as `terraform show -json` writes it.
 * Medians of three fresh processes; prints a table, writes bench-results/commands.json.
 */
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { performance } from "perf_hooks";
import { resolveEffectiveContacts } from "../src/registry/effective-contacts";
import { parseRegistry } from "../src/registry/load-registry";
import { generateRegistry, GENERATED_TODAY } from "./generate-registry";
import { readProcessUsage, REPORT_USAGE_ON_EXIT } from "./process-usage";

const ROOT = path.resolve(__dirname, "..");
const BIN = path.join(ROOT, "bin/contacts.js");
const SIZES = [1000, 10000];
const RUNS = 3;

function timed(args: string[], cwd: string): { wallMs: number; maxRssKb: number } {
  const started = performance.now();
  const result = spawnSync(process.execPath, [...REPORT_USAGE_ON_EXIT, BIN, ...args], {
    cwd,
    encoding: "utf8",
    maxBuffer: 1 << 30,
    env: { ...process.env, CONTACTS_TODAY: GENERATED_TODAY },
  });
  const wallMs = performance.now() - started;
  const usage = readProcessUsage(result.stderr);
  if (result.status === 2 || !usage) throw new Error(`contacts ${args.join(" ")} exited ${result.status}:\n${result.stderr}`);
  return { wallMs, maxRssKb: usage.maxRssKb };
}

function medianRun(args: string[], cwd: string) {
  const runs = Array.from({ length: RUNS }, () => timed(args, cwd)).sort((a, b) => a.wallMs - b.wallMs);
  return runs[Math.floor(RUNS / 2)];
}

/** Every contact of every account as a plan to create it: the shape `terraform show -json` writes. */
function wholeOrganizationPlan(registryText: string): string {
  const management = "100000000000";
  const changes = resolveEffectiveContacts(parseRegistry("registry.yaml", registryText)).flatMap(({ account, ...slots }) =>
    Object.entries(slots).map(([slot, chosen]) => {
      const { id: _id, position: _p, fieldPositions: _f, ...card } = chosen.card as unknown as Record<string, unknown>;
      const primary = slot === "primary";
      const type = primary ? "aws_account_primary_contact" : "aws_account_alternate_contact";
      const after = primary
        ? {
            account_id: account.id === management ? null : account.id,
            full_name: card.fullName,
            phone_number: card.phone,
            address_line_1: card.addressLine1,
            city: card.city,
            postal_code: card.postalCode,
            country_code: card.countryCode,
          }
        : {
            account_id: account.id === management ? null : account.id,
            alternate_contact_type: slot.toUpperCase(),
            name: card.name,
            title: card.title,
            email_address: card.email,
            phone_number: card.phone,
          };
      const address = `${type}.${slot}["${account.id}"]`;
      return {
        address,
        mode: "managed",
        type,
        name: slot,
        index: account.id,
        provider_name: "registry.terraform.io/hashicorp/aws",
        change: { actions: ["create"], before: null, after, after_unknown: { id: true }, before_sensitive: false, after_sensitive: {} },
      };
    }),
  );
  return JSON.stringify({ format_version: "1.2", terraform_version: "1.11.4", planned_values: { root_module: {} }, resource_changes: changes });
}

const rows = [];
for (const accounts of SIZES) {
  const repo = fs.mkdtempSync(path.join(os.tmpdir(), "contacts-bench-commands-"));
  const text = generateRegistry({ accounts });
  fs.mkdirSync(path.join(repo, "contacts"));
  fs.writeFileSync(path.join(repo, "contacts/registry.yaml"), text);
  const git = (...args: string[]) =>
    execFileSync("git", args, {
      cwd: repo,
      env: { ...process.env, GIT_AUTHOR_NAME: "b", GIT_AUTHOR_EMAIL: "b@example.com", GIT_COMMITTER_NAME: "b", GIT_COMMITTER_EMAIL: "b@example.com" },
    });
  git("init", "-q");
  git("add", ".");
  git("commit", "-qm", "base");
  const changed = text.replace("members: [p3, p4, security-leads]", "members: [p3, security-leads]").replace("bu0-security@example.com", "bu0-sec@example.com");
  fs.writeFileSync(path.join(repo, "contacts/registry.yaml"), changed);
  fs.writeFileSync(path.join(repo, "plan.json"), wholeOrganizationPlan(text));
  const validate = medianRun(["validate", "contacts/registry.yaml"], repo);
  const review = medianRun(["review", "--base", "HEAD"], repo);
  const checkPlan = medianRun(["check-plan", "plan.json", "--registry", "contacts/registry.yaml"], repo);
  rows.push({
    accounts,
    validateMs: validate.wallMs,
    validatePeakMb: validate.maxRssKb / 1024,
    reviewMs: review.wallMs,
    reviewPeakMb: review.maxRssKb / 1024,
    checkPlanMs: checkPlan.wallMs,
    checkPlanPeakMb: checkPlan.maxRssKb / 1024,
    planMb: fs.statSync(path.join(repo, "plan.json")).size / 2 ** 20,
  });
  fs.rmSync(repo, { recursive: true, force: true });
}

const table = [
  "| accounts | validate (median) | validate memory | review (median) | review memory | plan size | check-plan (median) | check-plan memory |",
  "|---:|---:|---:|---:|---:|---:|---:|---:|",
  ...rows.map(
    (r) =>
      `| ${r.accounts.toLocaleString("en-US")} | ${(r.validateMs / 1000).toFixed(2)} s | ${r.validatePeakMb.toFixed(0)} MB | ${(r.reviewMs / 1000).toFixed(2)} s | ${r.reviewPeakMb.toFixed(0)} MB | ${r.planMb.toFixed(1)} MB | ${(r.checkPlanMs / 1000).toFixed(2)} s | ${r.checkPlanPeakMb.toFixed(0)} MB |`,
  ),
];
process.stdout.write(`Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model}), Node ${process.version}\n\n${table.join("\n")}\n`);
fs.mkdirSync(path.join(ROOT, "bench-results"), { recursive: true });
fs.writeFileSync(path.join(ROOT, "bench-results/commands.json"), JSON.stringify({ rows }, null, 2));
process.stdout.write("\nFigures written to bench-results/commands.json\n");
