import type { ContactType, SourcePosition } from "../model/types";
import type { Severity } from "./rule-contract";

/** One thing a rule found, as every report shows it. */
export interface Finding {
  ruleId: string;
  severity: Severity;
  accountId?: string;
  accountName?: string;
  type?: ContactType;
  field?: string;
  value?: string;
  message: string;
  fix: string;
  /** Registry position to fix; absent when the value came from a hand-written resource or a plan. */
  location?: SourcePosition;
  /** Terraform resource (and construct path) that carries the value, when it is not the registry's. */
  resource?: string;
  controls: string[];
  /** The rule's own fix, for a root cause whose accounts were each told something of their own (see root-causes.ts). */
  ruleFix?: string;
  reaches?: string[];
  /** Set when a registry exception waives the finding: reported, but not failing. */
  excepted?: { reason: string; expires: string };
  /** Fails in warn mode too (see RuleResult.blocking). */
  blocking?: boolean;
  /** What made it fail: findings of one rule with the same cause are one root cause (src/engine/root-causes.ts). */
  cause: FindingCause;
}

export interface FindingCause {
  /** Unique within the rule; no line numbers, so it survives unrelated edits. */
  key: string;
  /** Where the fix goes; the finding's own location when the rule names no deeper cause. */
  location?: SourcePosition;
  related: SourcePosition[];
}
