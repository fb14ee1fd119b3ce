import { personalLook, placeholderLook } from "../src/model/addresses";
import { CIS_1_1, SECURITY_HUB_ACCOUNT_1, addressesOf, type ContactRule, type RuleResult } from "../src/engine/rule-contract";

/**
 * Given a contact whose email or phone is on no person and no group of the registry, Then FAIL:
 *   nobody can show that it reaches two current people.
 * And when the email looks personal (first.last@, a free-mail domain) or the phone like a placeholder
 *   (repeated or sequential digits, too few digits), the message says so.
 * And when policy.resolveAddressesIn names a directory, the message says that directory does not know the email either.
 * Given the address is registered, Then PASS (single-recipient judges how many it reaches).
 */
export const unlistedAddress: ContactRule<"unlisted-address"> = {
  id: "unlisted-address",
  scope: "contact",
  title: "Contact address is not in the registry",
  severity: "error",
  explanation:
    "An address nobody registered cannot be shown to reach anyone: it may be a former employee's mailbox, a typo, or a number that rings nowhere (CIS 1.1).",
  fix: "register the address on a group in the registry with its members, or use an address that is registered",
  controls: [CIS_1_1, SECURITY_HUB_ACCOUNT_1],
  exceptable: true,
  securitySeverity: 7.0,
  check(contact, { directory, policy }) {
    const results: RuleResult[] = [];
    const resolvedIn = policy.resolveAddressesIn;
    for (const { field, value, entry } of addressesOf(contact, directory)) {
      if (entry) continue;
      const look = field === "email" ? personalLook(value) : placeholderLook(value);
      results.push({
        field,
        value,
        message: `is not in the registry${field === "email" && resolvedIn ? `, and directory ${JSON.stringify(resolvedIn)} does not know it` : ""}, so nobody can show it reaches anyone${look ? `; ${look}` : ""}`,
      });
    }
    return results;
  },
};
