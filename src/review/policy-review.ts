import type { Finding } from "../engine/evaluate";
import type { Registry } from "../model/types";
import { comparePolicies, policyWeakened, type PolicyChange } from "../../policies/policy-weakened";
import type { PolicySide } from "../engine/rule-contract";

/** What a change does to the policy itself: shown before anything else, since it changes how everything else is judged. */
export interface PolicyReview {
  /** `registry`: the base revision's policy; `defaults`: the base has no registry (--allow-new-registry), so the built-in defaults. */
  comparedWith: "registry" | "defaults";
  changes: PolicyChange[];
  /** Whether a weakening fails the review: the base's policy.weakeningSeverity is error. */
  fails: boolean;
}

/**
 * Compares the base's policy with the change's and judges it with policy-weakened. The findings join the
 * change's own, so a weakening is counted, shown and (at error) fails like any finding introduced.
 */
export function reviewPolicy(
  base: Registry,
  head: Registry,
  /** `baseAbsent`: the base has no registry (--allow-new-registry), so the head is compared with the built-in defaults. */
  { baseAbsent }: { baseAbsent: boolean },
): { policy: PolicyReview; findings: Finding[] } {
  const before = policySide(base);
  const after = policySide(head);
  const findings = policyWeakened.check(before, after).map((result): Finding => ({
    ruleId: policyWeakened.id,
    severity: result.severity ?? policyWeakened.severity,
    field: result.field,
    value: result.value,
    message: result.message,
    fix: policyWeakened.fix,
    location: result.location,
    controls: policyWeakened.controls,
    blocking: result.blocking,
    cause: { key: result.cause?.key ?? result.message, location: result.location, related: [] },
  }));
  return {
    policy: {
      comparedWith: baseAbsent ? "defaults" : "registry",
      changes: comparePolicies(before, after),
      fails: findings.some((f) => f.severity === "error"),
    },
    findings,
  };
}

function policySide(registry: Registry): PolicySide {
  const side: PolicySide = { policy: registry.policy, exceptions: registry.exceptions, positions: registry.policyPositions };
  // Always both: a change that drops every source and directory still has the base's to be compared with.
  side.groupSources = new Map(
    [...registry.groups.values()].map((g) => [g.id, { source: g.source, position: g.fieldPositions?.source ?? g.position }] as const),
  );
  side.directories = new Map([...(registry.directories?.values() ?? [])].map((d) => [d.id, d.position] as const));
  // Where it reads and what it counts as disabled: a change to either decides who counts as current.
  side.directorySettings = new Map(
    [...(registry.directories?.values() ?? [])].map((d) => {
      const { id, position, outage, ...settings } = d;
      void position;
      void outage;
      return [id, Object.fromEntries(Object.entries(settings).map(([key, value]) => [key, value === undefined ? undefined : String(value)]))] as const;
    }),
  );
  side.directoryOutages = new Map(
    [...(registry.directories?.values() ?? [])].flatMap((d) => (d.outage ? [[d.id, { expires: d.outage.expires, position: d.position }] as const] : [])),
  );
  return side;
}
