import * as fs from "fs";
import * as path from "path";
import type { PolicyEvaluation } from "../engine/evaluate";
import type { Rule } from "../engine/rule-contract";
import type { RootCause } from "../engine/root-causes";
import { verdictOf, type Verdict } from "../run/verdict";
import type { SourcePosition } from "../model/types";
import { formatRootCause } from "./format-finding";
import { inertText } from "./inert-text";
import type { ReportOptions } from "./json-report";

/** Code scanning reads at most 1,000 related locations per result; a person needs far fewer. */
const RELATED_LOCATIONS = 100;

/**
 * SARIF 2.1.0 as GitHub code scanning uses it: one result per root cause (10,000 accounts sharing one bad
 * card are one alert, far below code scanning's 25,000 results per upload), at the line where the fix goes,
 * with the other places involved as related locations; every rule with its security severity and help;
 * URIs relative to the git repository's root, so a project in a monorepo's subfolder annotates the right
 * file; a fingerprint per root cause, so an alert survives edits elsewhere in the registry.
 */
export function buildSarifReport(
  judged: Verdict | PolicyEvaluation,
  options: ReportOptions,
  workingDirectory = process.cwd(),
  /** Where a Terraform resource's block is written, when the configuration is at hand (check-plan in its folder). */
  resourceBlock: (resource: string) => SourcePosition | undefined = () => undefined,
) {
  const verdict = verdictOf(judged, options.mode);
  const { evaluation } = verdict;
  const index = new Map(evaluation.pack.map((rule, i) => [rule.id, i]));
  const root = repositoryRoot(path.resolve(workingDirectory, options.registryFile)) ?? workingDirectory;
  const uri = (file: string) => path.relative(root, path.resolve(workingDirectory, file)).split(path.sep).join("/");
  const physical = (position: SourcePosition) => ({
    artifactLocation: { uri: uri(position.file) },
    region: { startLine: position.line, startColumn: position.column },
  });
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "contacts-policy",
            version: options.toolVersion,
            semanticVersion: options.toolVersion,
            informationUri: "https://www.cisecurity.org/benchmark/amazon_web_services",
            rules: evaluation.pack.map(sarifRule),
          },
        },
        results: verdict.rootCauses.map((cause) => ({
          ruleId: cause.ruleId,
          ruleIndex: index.get(cause.ruleId) ?? 0,
          level: verdict.fails(cause) ? "error" : cause.level === "excepted" ? "note" : "warning",
          // Code scanning shows the message to people: a name in it is made as inert as in the CLI's text.
          message: { text: inertText(formatRootCause(cause)) },
          locations: [
            cause.location
              ? { physicalLocation: physical(cause.location) }
              : {
                  // A hand-written resource or a plan has no registry line: its block in the .tf file when that is found,
                  // else the registry file; the resource named either way.
                  physicalLocation: physical(blockOf(cause, resourceBlock) ?? { file: options.registryFile, line: 1, column: 1 }),
                  logicalLocations: cause.resources.length
                    ? cause.resources.slice(0, RELATED_LOCATIONS).map((name) => ({ fullyQualifiedName: inertText(name), kind: "resource" }))
                    : undefined,
                },
          ],
          relatedLocations: cause.related.length
            ? cause.related
                .slice(0, RELATED_LOCATIONS)
                .map((position, id) => ({ id, physicalLocation: physical(position), message: { text: "also involved" } }))
            : undefined,
          partialFingerprints: { "contactsRootCause/v1": cause.fingerprint },
          properties: affected(cause),
          suppressions: cause.level === "excepted" ? [{ kind: "external", justification: inertText(exceptionText(cause)) }] : undefined,
        })),
      },
    ],
  };
}

/** The block of the cause's resources, when they are all written in one block. */
function blockOf(cause: RootCause, resourceBlock: (resource: string) => SourcePosition | undefined): SourcePosition | undefined {
  const blocks = cause.resources.map(resourceBlock);
  const first = blocks[0];
  return first && blocks.every((b) => b && b.file === first.file && b.line === first.line) ? first : undefined;
}

function sarifRule(rule: Rule) {
  const name = rule.id.replace(/(^|[-/])(\w)/g, (_, __, c: string) => c.toUpperCase());
  return {
    id: rule.id,
    // SARIF wants `name` left out when it would only repeat the id (unverifiable, Unverifiable).
    name: name.toLowerCase() === rule.id.toLowerCase() ? undefined : name,
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.explanation },
    help: { text: `Fix: ${rule.fix}.`, markdown: `**${rule.title}**\n\n${rule.explanation}\n\n**Fix:** ${rule.fix}.` },
    defaultConfiguration: { level: rule.severity === "error" ? "error" : "warning" },
    properties: {
      tags: ["security", ...rule.controls],
      precision: "very-high",
      "security-severity": rule.securitySeverity.toFixed(1),
    },
  };
}

function affected(cause: RootCause) {
  return { accounts: cause.accounts.length, types: cause.types, findings: cause.findings.length, excepted: cause.excepted };
}

function exceptionText(cause: RootCause): string {
  const reasons = [...new Set(cause.findings.map((f) => (f.excepted ? `${f.excepted.reason} (until ${f.excepted.expires})` : "")).filter(Boolean))];
  return reasons.join("; ");
}

/**
 * The folder holding `.git` (a folder, or a file in a worktree or submodule) above the registry: code
 * scanning resolves URIs against the repository's root, not the folder the tool ran in.
 */
function repositoryRoot(from: string): string | undefined {
  let dir = path.dirname(from);
  for (;;) {
    if (fs.existsSync(path.join(dir, ".git"))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
