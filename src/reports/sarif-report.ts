import * as path from "path";
import { RULES } from "../../policies/index";
import type { PolicyEvaluation } from "../engine/evaluate";
import { formatFinding } from "./format-finding";
import type { ReportOptions } from "./json-report";

/**
 * SARIF 2.1.0 as GitHub code scanning accepts it: rule metadata in the driver, each result at the
 * registry line (repository-relative URI), so findings appear on the pull request's diff.
 */
export function buildSarifReport(evaluation: PolicyEvaluation, options: ReportOptions, repositoryRoot = process.cwd()) {
  const index = new Map(RULES.map((rule, i) => [rule.id, i]));
  const uri = (file: string) => path.relative(repositoryRoot, path.resolve(file)).split(path.sep).join("/");
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "contacts-policy",
            version: options.toolVersion,
            informationUri: "https://www.cisecurity.org/benchmark/amazon_web_services",
            rules: RULES.map((rule) => ({
              id: rule.id,
              name: rule.id.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase()),
              shortDescription: { text: rule.title },
              fullDescription: { text: rule.explanation },
              help: { text: `Fix: ${rule.fix}.` },
              defaultConfiguration: { level: rule.severity === "error" ? "error" : "warning" },
              properties: { tags: ["security", ...rule.controls] },
            })),
          },
        },
        results: evaluation.findings.map((finding) => ({
          ruleId: finding.ruleId,
          ruleIndex: index.get(finding.ruleId) ?? 0,
          level: finding.severity === "error" && options.mode === "enforce" ? "error" : "warning",
          message: { text: formatFinding(finding) },
          locations: [
            finding.location
              ? {
                  physicalLocation: {
                    artifactLocation: { uri: uri(finding.location.file) },
                    region: { startLine: finding.location.line, startColumn: finding.location.column },
                  },
                }
              : {
                  // A hand-written resource has no registry line: point at the registry file and name the resource.
                  physicalLocation: { artifactLocation: { uri: uri(options.registryFile) }, region: { startLine: 1 } },
                  logicalLocations: finding.resource ? [{ fullyQualifiedName: finding.resource, kind: "resource" }] : undefined,
                },
          ],
          partialFingerprints: { contactFinding: [finding.ruleId, finding.accountId, finding.type, finding.field].join("/") },
          suppressions: finding.excepted ? [{ kind: "external", justification: `${finding.excepted.reason} (until ${finding.excepted.expires})` }] : undefined,
        })),
      },
    ],
  };
}
