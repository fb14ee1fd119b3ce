import { type RegistryRule } from "../src/engine/rule-contract";

/**
 * Given the registry, or the organization accounts file it names, cannot be read as written (a YAML
 * syntax error, an unknown card, a value AWS would reject), Then FAIL with one finding per problem, at
 * its line, so that the mistake reaches the pull request as an annotation like any other finding; the
 * same problem in many places is one root cause, at its first place, the others related.
 * Given the registry loads, Then nothing is reported (every other rule judges it).
 */
export const registryError: RegistryRule<"registry-error"> = {
  id: "registry-error",
  scope: "registry",
  title: "Registry cannot be read as written",
  severity: "error",
  explanation: "Nothing is synthesized or judged from a registry that does not load, so every contact it sets stays as it was until the mistake is fixed.",
  fix: "correct the registry at the line given",
  controls: [],
  exceptable: false,
  securitySeverity: 5.0,
  check(problem) {
    return [
      {
        message: problem.path ? `${problem.path}: ${problem.message}` : problem.message,
        fix: problem.fix,
        location: problem.position,
        // The same mistake in many places (a renamed card that 2,000 accounts name) is one finding.
        cause: { key: `${problem.message}\u001f${problem.fix}` },
      },
    ];
  },
};
