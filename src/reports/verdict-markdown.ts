import type { RootCause } from "../engine/root-causes";
import type { Verdict } from "../run/verdict";
import { formatRootCause } from "./format-finding";
import { plain, plural } from "./markdown";
import { ROOT_CAUSES_SHOWN } from "./policy-text";

/**
 * A verdict as Markdown, for a pull request comment or a job summary: one line saying whether the policy passes
 * in this mode, the counts, then one item per root cause (errors first), at most ROOT_CAUSES_SHOWN. Every
 * value from the registry is escaped (plain): a name or an address can neither mention nor link nor format.
 */
export function renderVerdictMarkdown(verdict: Verdict, allIn: string): string {
  const { counts, mode } = verdict;
  const headline = verdict.failed
    ? `**The contact policy fails** (${mode} mode): ${plural(counts.errors, "error")} to fix.`
    : counts.errors > 0
      ? `**The contact policy fails, not enforced** (warn mode): ${plural(counts.errors, "error")} let through.`
      : `**The contact policy passes** (${mode} mode).`;
  const summary = `${plural(counts.errors, "error")}, ${plural(counts.warnings, "warning")}, ${counts.excepted} excepted; ${plural(verdict.evaluation.contacts.length, "contact")} judged.`;
  const ordered = [...verdict.rootCauses].sort((a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level]);
  const lines = ordered.slice(0, ROOT_CAUSES_SHOWN).map((cause) => `- ${plain(formatRootCause(cause))}`);
  if (ordered.length > ROOT_CAUSES_SHOWN) lines.push(`- … and ${ordered.length - ROOT_CAUSES_SHOWN} more: all of them in ${allIn}`);
  return `### Contact policy\n\n${headline}\n\n${summary}\n${lines.length ? `\n${lines.join("\n")}\n` : ""}`;
}

/** Errors before warnings before waived ones: what must be fixed first is read first. */
const LEVEL_ORDER: Record<RootCause["level"], number> = { error: 0, warning: 1, excepted: 2 };
