import { ALTERNATE_CONTACT_TYPES, type AlternateContactType } from "../model/contact-types";
import { UsageError } from "../model/usage-error";

const NAMES = ALTERNATE_CONTACT_TYPES.map((type) => type.toLowerCase());

/**
 * The value of check-plan's `--require-types`: alternate contact types, comma-separated, in any case, or
 * `none`; for a workspace that manages only some types, without editing the shared registry's requiredTypes.
 */
export function parseRequiredTypes(command: string, value: string): AlternateContactType[] {
  const names = value.split(",").map((name) => name.trim());
  if (names.length === 1 && names[0].toLowerCase() === "none") return [];
  const fix = `Fix: a comma-separated list of ${NAMES.join(", ")}, or none (e.g. --require-types security).`;
  for (const name of names) {
    if (!(ALTERNATE_CONTACT_TYPES as readonly string[]).includes(name.toUpperCase())) {
      const what = name === "" ? "has an empty type" : `names ${JSON.stringify(name)}, which is not an alternate contact type`;
      throw new UsageError(`contacts ${command}: --require-types ${JSON.stringify(value)} ${what}. ${fix}`);
    }
  }
  const given = new Set(names.map((name) => name.toUpperCase()));
  return ALTERNATE_CONTACT_TYPES.filter((type) => given.has(type));
}
