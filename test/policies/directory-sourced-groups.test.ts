import { singleRecipient } from "../../policies/single-recipient";
import { staleReview } from "../../policies/stale-review";
import { unlistedAddress } from "../../policies/unlisted-address";
import { contact } from "../support/contacts";
import { directoryContext, snapshotWith } from "../support/directory-fixture";

const ctx = directoryContext();

describe("single-recipient and unlisted-address on directory membership: the directory's current members count", () => {
  test("a sourced group with one disabled member fails single-recipient with the directory's reason, at the group's source line", () => {
    const [result] = singleRecipient.check(contact({ email: "aws-security@example.com" }), ctx);
    expect(result).toMatchObject({
      message: "reaches 1 current person (Jane Doe; Omar Said disabled in corp-ad), 2 required",
      fix: expect.stringContaining("add current members to group cloud-security"),
      reaches: ["Jane Doe"],
      cause: { location: { line: 24 } },
    });
  });

  test("with resolveAddressesIn, an address no group declares is judged by the directory's group: two current people pass", () => {
    expect(unlistedAddress.check(contact({ email: "AWS-Ops@example.com" }), ctx)).toEqual([]);
    expect(singleRecipient.check(contact({ email: "aws-ops@example.com" }), ctx)).toEqual([]);
    const oneLeft = directoryContext(
      undefined,
      snapshotWith((s) =>
        Object.assign(
          s.readings[0].resolutions[1].members.find((m: { mail: string }) => m.mail.startsWith("Anita")),
          { state: "left", stateReason: "employeeLeaveDateTime 2026-11-01T00:00:00Z" },
        ),
      ),
    );
    expect(singleRecipient.check(contact({ email: "aws-ops@example.com" }), oneLeft)[0].message).toBe(
      "reaches 1 current person (Li Chen; Anita Patel left in corp-ad), 2 required",
    );
  });

  test("with resolveAddressesIn, an address the directory resolves to a user is that one person's personal address", () => {
    const snapshot = snapshotWith((s) =>
      s.readings[0].resolutions.push({
        address: "li.chen@example.com",
        kind: "user",
        user: { id: "CN=Li Chen", displayName: "Li Chen", mail: "li.chen@example.com", state: "current" },
      }),
    );
    const [result] = singleRecipient.check(contact({ email: "li.chen@example.com" }), directoryContext(undefined, snapshot));
    expect(result).toMatchObject({ message: "reaches 1 current person (Li Chen), 2 required", fix: singleRecipient.fix });
  });

  test("an address the directory does not know fails unlisted-address as any unregistered address does", () => {
    const snapshot = snapshotWith((s) => s.readings[0].resolutions.push({ address: "nobody@example.com", kind: "unknown" }));
    const context = directoryContext(undefined, snapshot);
    expect(unlistedAddress.check(contact({ email: "nobody@example.com" }), context)).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/^is not in the registry, and directory "corp-ad" does not know it, so nobody can show it reaches anyone/),
      }),
    ]);
    expect(unlistedAddress.check(contact({ email: "never-asked@example.com" }), context)).toHaveLength(1);
  });

  test("a sourced group is not judged by stale-review: the snapshot's age stands for its review", () => {
    expect(staleReview.check(contact({ email: "aws-security@example.com" }), ctx)).toEqual([]);
  });
});
