/**
 * The second reader's fail-open cases (issue 21): with the company directory in the judgment, what the directory
 * says about a person or an address is the fact; nothing the registry types can make a disabled, unknown or
 * mailbox-less entry count as a current person.
 */
import { singleRecipient } from "../../policies/single-recipient";
import { unlistedAddress } from "../../policies/unlisted-address";
import { contact } from "../support/contacts";
import { directoryContext, directoryRegistryText, snapshotWith } from "../support/directory-fixture";

/** The fixture registry with more people typed (each as current: no `left`). */
const withPeople = (...lines: string[]) => directoryRegistryText().replace("people:\n", `people:\n${lines.map((l) => `  ${l}\n`).join("")}`);
const billing = (members: object[]) =>
  snapshotWith((s) => {
    s.readings[0].resolutions[0].members = members;
  });

describe("the directory is the fact: a typed entry never overrules it", () => {
  test("with resolveAddressesIn, a person typed as current whose address the directory holds as a disabled user is not current", () => {
    const snapshot = snapshotWith((s) =>
      s.readings[0].resolutions.push({
        address: "omar.said@example.com",
        kind: "user",
        user: { id: "CN=Omar Said", displayName: "Omar Said", mail: "omar.said@example.com", state: "disabled" },
      }),
    );
    const ctx = directoryContext(withPeople("osaid: { name: Omar Said, email: omar.said@example.com }"), snapshot);
    expect(singleRecipient.check(contact({ email: "omar.said@example.com" }), ctx)[0].message).toBe(
      "reaches 0 current people (nobody; Omar Said disabled in corp-ad), 2 required",
    );
  });

  test("with resolveAddressesIn, an address the directory does not know is unlisted even when the registry types a person for it", () => {
    const snapshot = snapshotWith((s) => s.readings[0].resolutions.push({ address: "vendor@example.com", kind: "unknown" }));
    const ctx = directoryContext(withPeople("vendor: { name: Vendor Desk, email: vendor@example.com }"), snapshot);
    expect(unlistedAddress.check(contact({ email: "vendor@example.com" }), ctx)).toHaveLength(1);
  });

  test("a directory member the directory disables stays disabled though the registry types a current sub-address of the same mailbox", () => {
    const snapshot = billing([
      { id: "CN=Jane Doe", displayName: "Jane Doe", mail: "jane.doe@example.com", state: "disabled" },
      { id: "CN=Richard Roe", displayName: "Richard Roe", mail: "richard.roe@example.com", state: "current" },
    ]);
    const ctx = directoryContext(withPeople("jane-aws: { name: Jane Doe, email: jane.doe+aws@example.com }"), snapshot);
    expect(singleRecipient.check(contact({ email: "aws-billing@example.com" }), ctx)[0].message).toBe(
      "reaches 1 current person (Richard Roe; Jane Doe disabled in corp-ad), 2 required",
    );
  });

  test("members without a mailbox (a service account, a printer) are nobody mail reaches", () => {
    const snapshot = billing([
      { id: "CN=svc-backup", displayName: "svc-backup", state: "current" },
      { id: "CN=printer", displayName: "printer", state: "current" },
    ]);
    expect(singleRecipient.check(contact({ email: "aws-billing@example.com" }), directoryContext(undefined, snapshot))[0].message).toBe(
      "reaches 0 current people (nobody; svc-backup without a mailbox in corp-ad, printer without a mailbox in corp-ad), 2 required",
    );
  });
});
