/**
 * A verdict as Markdown (renderVerdict's fourth format, `contacts validate --format markdown`): whether the policy
 * passes in this mode, the counts, one item per root cause with errors first, and nothing from the registry able
 * to mention, link or format in a pull request comment.
 */
import { RULES } from "../../policies/index";
import { judgeRegistry } from "../../src/engine/judge-registry";
import { renderVerdict } from "../../src/reports/render-verdict";
import { judgeVerdict } from "../../src/run/verdict";
import { exampleText, exampleWith, registryFrom, TODAY } from "../support/workspace";

const OPTIONS = { registryFile: "contacts/registry.yaml", source: "test", toolVersion: "test", markdownAllIn: "the JSON report" };
const PERSONAL = exampleWith(["email: payments-sec@example.com,    phone", "email: jane.doe@example.com,       phone"]);

function markdown(text: string, mode: "enforce" | "warn") {
  const verdict = judgeVerdict(judgeRegistry(registryFrom(text), { today: TODAY, rules: RULES }), mode);
  return { verdict, markdown: renderVerdict(verdict, "markdown", OPTIONS) };
}

describe("renderVerdict as Markdown", () => {
  test("a registry that passes: one line saying so, the counts, no list", () => {
    expect(markdown(exampleText(), "enforce").markdown).toBe(
      "### Contact policy\n\n**The contact policy passes** (enforce mode).\n\n0 errors, 0 warnings, 0 excepted; 24 contacts judged.\n",
    );
  });

  test("a failing registry: the failure, then one item per root cause, errors first", () => {
    const { verdict, markdown: text } = markdown(PERSONAL, "enforce");
    expect(text).toMatch(/^### Contact policy\n\n\*\*The contact policy fails\*\* \(enforce mode\): \d+ errors? to fix\.\n/);
    const items = text.split("\n").filter((line) => line.startsWith("- "));
    expect(items).toHaveLength(verdict.rootCauses.length);
    const levels = items.map((item) => item.split(" ")[1]);
    expect(levels).toEqual([...levels].sort((a, b) => ["error", "warning", "excepted"].indexOf(a) - ["error", "warning", "excepted"].indexOf(b)));
    expect(levels[0]).toBe("error");
  });

  test("in warn mode the errors are said to be let through, not enforced", () => {
    expect(markdown(PERSONAL, "warn").markdown).toMatch(/\*\*The contact policy fails, not enforced\*\* \(warn mode\): \d+ errors? let through\./);
  });

  test("a value from the registry can neither mention a team nor make a link", () => {
    const hostile = PERSONAL.replace(/name: payments-prod\b/, "name: '@acme/security [click](https://evil.example)'");
    expect(hostile).not.toBe(PERSONAL);
    const { markdown: text } = markdown(hostile, "enforce");
    // The name reaches the comment, escaped: no mention, no link.
    expect(text).toContain("&#64;acme/security \\[click\\](https&#58;//evil.example)");
    expect(text).not.toMatch(/(^|[^;])@acme/);
    expect(text).not.toContain("](https://");
  });
});
