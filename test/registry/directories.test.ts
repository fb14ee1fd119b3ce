import * as path from "path";
import { CompanyDirectory } from "../../src/model/company-directory";
import type { DirectoryReading } from "../../src/model/directory-reading";
import { directorySnapshotText, loadDirectorySnapshot } from "../../src/registry/directory-snapshot-file";
import { loadRegistry } from "../../src/registry/load-registry";
import { directoryContext, directoryRegistryText, directorySnapshotFixture, directoryWorkspace, snapshotWith } from "../support/directory-fixture";
import { TODAY } from "../support/workspace";

/** The message of what loading the registry, then its snapshot, throws; "" when both load. */
function loadError(registry = directoryRegistryText(), snapshot: string | null = directorySnapshotFixture(), today = TODAY): string {
  const file = directoryWorkspace(registry, snapshot);
  try {
    loadDirectorySnapshot(loadRegistry(file, "the test", path.dirname(file), { today }), undefined, path.dirname(file), today);
    return "";
  } catch (error) {
    return (error as Error).message.split(path.dirname(file) + path.sep).join("");
  }
}

const withText = (from: string, to: string) => {
  const text = directoryRegistryText();
  if (!text.includes(from)) throw new Error(`fixture replacement did not match: ${from}`);
  return text.replace(from, to);
};

describe("directories in the registry: sources, a group's source, the policy's resolveAddressesIn", () => {
  test("the fixture loads: its sources, a sourced group without typed members, the policy settings and the default snapshot path", () => {
    const file = directoryWorkspace();
    const registry = loadRegistry(file, "the test", path.dirname(file), { today: TODAY });
    expect(registry.directories?.get("corp-ad")).toMatchObject({
      id: "corp-ad",
      type: "ldap",
      url: "ldaps://dc1.corp.example",
      passwordEnv: "CONTACTS_LDAP_PASSWORD",
    });
    expect(registry.groups.get("cloud-security")).toMatchObject({ source: "corp-ad", members: [] });
    expect(registry.policy).toMatchObject({ resolveAddressesIn: "corp-ad", maxDirectoryAgeDays: 7 });
    expect(registry.directorySnapshotFile).toBe("directory-snapshot.json");
    expect(loadDirectorySnapshot(registry, undefined, path.dirname(file), TODAY)).toBeInstanceOf(CompanyDirectory);
  });

  test("an unknown directory id on a group and in the policy is an error at its line, with a did-you-mean", () => {
    const message = loadError(withText("    source: corp-ad", "    source: crop-ad").replace("resolveAddressesIn: corp-ad", "resolveAddressesIn: hr-db"));
    expect(message).toContain(
      'registry.yaml:6:23 policy.resolveAddressesIn: unknown directory "hr-db". Fix: add "hr-db" under directories (type: ldap or graph), or use one of: corp-ad.',
    );
    expect(message).toContain(
      'registry.yaml:24:13 groups.cloud-security.source: unknown directory "crop-ad". Fix: did you mean "corp-ad"? Otherwise add "crop-ad" under directories',
    );
  });

  test("a source without an email, and a group with neither members nor source, are errors", () => {
    const message = loadError(
      withText("    email: aws-security@example.com\n    source: corp-ad", "    source: corp-ad").replace("    members: [jdoe, rroe]\n", ""),
    );
    expect(message).toContain('groups.cloud-security.email: the group reads its members from directory "corp-ad" but has no email to find it there by');
    expect(message).toContain('groups.finance.members: required field "members" is missing. Fix: add members');
  });

  test("a password in a source is refused with the fix naming passwordEnv and AZURE_CLIENT_SECRET", () => {
    const message = loadError(withText("    passwordEnv: CONTACTS_LDAP_PASSWORD", "    password: hunter2"));
    expect(message).toMatch(/registry\.yaml:15:5 directories\.corp-ad\.password: "password" would put a secret in the registry/);
    expect(message).toContain("passwordEnv");
    expect(message).toContain("AZURE_CLIENT_SECRET");
    const graph = loadError(
      withText(
        "    type: ldap\n    url: ldaps://dc1.corp.example\n    baseDN: DC=corp,DC=example\n    bindDN: CN=contacts-reader,OU=Service,DC=corp,DC=example\n    passwordEnv: CONTACTS_LDAP_PASSWORD",
        "    type: graph\n    tenantId: corp.example\n    clientId: 11111111-1111-1111-1111-111111111111\n    clientSecret: s3cr3t-value",
      ),
    );
    expect(graph).toContain('directories.corp-ad.clientSecret: "clientSecret" would put a secret in the registry');
  });
});

describe("the directory snapshot: one clear error for each way it cannot be used", () => {
  test("missing while a group reads a directory: names the snapshot, the group and the fix", () => {
    expect(loadError(undefined, null)).toMatch(
      /^The directory snapshot directory-snapshot\.json \(named at registry\.yaml:9:1\) has 1 error:\n {2}registry\.yaml:9:1 directorySnapshot: the directory snapshot directory-snapshot\.json does not exist, and group cloud-security reads directory "corp-ad" \(registry\.yaml:24\)\. Fix: read the directories again with `contacts directory read`/,
    );
  });

  test("a reading older than policy.maxDirectoryAgeDays is stale, as of the run's today", () => {
    expect(loadError(undefined, undefined, "2026-11-29")).toBe("");
    expect(loadError(undefined, undefined, "2026-11-30")).toContain(
      'directory-snapshot.json:9:17 readings.0.readAt: directory "corp-ad" was read at 2026-11-22T06:00:00Z, 8 days ago, more than policy.maxDirectoryAgeDays (7): its members may have changed since. Fix: read the directories again with `contacts directory read`',
    );
  });

  test("an outage exception lets a stale snapshot stand until it expires, and no longer than policy.maxExceptionDays", () => {
    const withOutage = (expires: string) =>
      withText(
        "    passwordEnv: CONTACTS_LDAP_PASSWORD\n",
        `    passwordEnv: CONTACTS_LDAP_PASSWORD\n    outage: { reason: "AD migration weekend (CHG-4711)", expires: "${expires}" }\n`,
      );
    expect(loadError(withOutage("2026-12-02"), undefined, "2026-12-02")).toBe("");
    expect(loadError(withOutage("2026-12-01"), undefined, "2026-12-02")).toContain('directory "corp-ad" was read at 2026-11-22T06:00:00Z, 10 days ago');
    expect(loadError(withOutage("2026-12-01"), undefined, "2026-12-02")).toContain("add directories.corp-ad.outage with a reason and an expires date");
    expect(loadError(withOutage("2028-01-01"), undefined, "2026-12-02")).toMatch(
      /directories\.corp-ad\.outage\.expires: the exception expires on 2028-01-01, more than policy\.maxExceptionDays \(365\) days after today \(2026-12-02\)/,
    );
  });

  test("hostile strings are refused by name: a control character, ${...}, a bidirectional override", () => {
    const snapshot = snapshotWith((s) => {
      const [, , security] = s.readings[0].resolutions;
      security.members[0].displayName = "Jane\u0007Doe";
      security.members[1].displayName = '${file("/etc/passwd")}';
      security.group.displayName = "Cloud \u202eytiruceS";
    });
    const message = loadError(undefined, snapshot);
    expect(message).toContain("readings.0.resolutions.2.members.0.displayName: displayName has");
    expect(message).toContain('readings.0.resolutions.2.members.1.displayName: displayName contains "${"');
    expect(message).toContain("readings.0.resolutions.2.group.displayName: displayName has");
    expect(message).toContain("reorders the text around it");
    expect(message).toContain("Fix: correct the entry in the directory itself, then read the directories again with `contacts directory read`");
  });

  test("an address the registry needs that the snapshot did not resolve, and a source it lacks, are errors", () => {
    const missingAddress = snapshotWith((s) => s.readings[0].resolutions.splice(1, 1));
    expect(loadError(undefined, missingAddress)).toContain(
      'readings.0.resolutions: directory "corp-ad" was not asked about aws-ops@example.com, the email of contact card operations (registry.yaml:33)',
    );
    const otherSource = snapshotWith((s) => (s.readings[0].source = "hr-ldap"));
    expect(loadError(undefined, otherSource)).toContain(
      'readings: holds no reading of directory "corp-ad", which group cloud-security reads (registry.yaml:24)',
    );
  });

  test("a snapshot of another format, or not JSON, is refused with the fix to read the directories again", () => {
    expect(loadError(undefined, directorySnapshotFixture().replace("snapshot/1", "snapshot/2"))).toContain(
      'format: must be "contacts-directory-snapshot/1". Fix: read the directories again with `contacts directory read`',
    );
    expect(loadError(undefined, "{ not json")).toContain("Fix: read the directories again with `contacts directory read`");
  });

  test("a registry without directories reads no snapshot", () => {
    const file = directoryWorkspace(
      directoryRegistryText()
        .replace(/\ndirectories:[\s\S]*?\npeople:/, "\npeople:")
        .replace("  resolveAddressesIn: corp-ad\n", "")
        .replace("    source: corp-ad\n", "    members: [jdoe]\n"),
      null,
    );
    const registry = loadRegistry(file, "the test", path.dirname(file), { today: TODAY });
    expect(registry.directories).toBeUndefined();
    expect(loadDirectorySnapshot(registry, undefined, path.dirname(file), TODAY)).toBeUndefined();
  });
});

describe("directorySnapshotText: sorted, stable, read back as written", () => {
  test("readings by source, addresses and members sorted, a trailing newline; the text loads back to the same readings", () => {
    const readings: DirectoryReading[] = JSON.parse(directorySnapshotFixture()).readings;
    const shuffled = readings.map((r) => ({
      ...r,
      resolutions: [...r.resolutions].reverse().map((x) => (x.kind === "group" ? { ...x, members: [...x.members].reverse() } : x)),
    }));
    const text = directorySnapshotText([{ ...readings[0], source: "zz-later" }, ...shuffled]);
    expect(text.endsWith("}\n")).toBe(true);
    expect(directorySnapshotText(JSON.parse(text).readings)).toBe(text);
    const written = JSON.parse(text).readings as DirectoryReading[];
    expect(written.map((r) => r.source)).toEqual(["corp-ad", "zz-later"]);
    expect(written[0].resolutions.map((r) => r.address)).toEqual(["aws-billing@example.com", "aws-ops@example.com", "aws-security@example.com"]);
    expect(directorySnapshotText(readings)).toBe(directorySnapshotFixture());
    expect(directoryContext(undefined, text).directory).toBeDefined();
  });
});
