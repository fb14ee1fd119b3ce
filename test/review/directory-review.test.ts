import { directoryRegistryText, snapshotWith } from "../support/directory-fixture";
import { GitRepo } from "../support/git-repo";
import { REGISTRY, review } from "./review-run";

const SNAPSHOT = "contacts/directory-snapshot.json";
const reviewLast = (repo: GitRepo, ...args: string[]) => review(repo, "--base", "HEAD~1", ...args);

/** The fixture's cloud-security group (the third reading) as the base read it a week earlier: Omar current, Ann Lee still in it. */
const baseSnapshot = snapshotWith((snapshot) => {
  const reading = snapshot.readings[0];
  reading.readAt = "2026-11-15T06:00:00Z";
  const members = reading.resolutions[2].members;
  members[1].state = "current";
  delete members[1].stateReason;
  members.push({ id: "CN=Ann Lee,OU=People,DC=corp,DC=example", displayName: "Ann Lee", mail: "ann.lee@example.com", state: "current" });
});
/** The refresh: Omar disabled (the fixture), Ann gone, Li Chen joined (with his mail in another case). */
const headSnapshot = snapshotWith((snapshot) => {
  snapshot.readings[0].resolutions[2].members.push({
    id: "CN=Li Chen,OU=People,DC=corp,DC=example",
    displayName: "Li Chen",
    mail: "Li.Chen@example.com",
    state: "current",
  });
});

function repoWith(before: { registry: string; snapshot: string }, after: { registry: string; snapshot: string }): GitRepo {
  return new GitRepo()
    .write(REGISTRY, before.registry)
    .write(SNAPSHOT, before.snapshot)
    .commit("base")
    .write(REGISTRY, after.registry)
    .write(SNAPSHOT, after.snapshot)
    .commit("change");
}

describe("contacts review: directory membership between the base's snapshot and the change's", () => {
  test("a refreshed snapshot: who joined and left a sourced group, and whose state changed, in Markdown and JSON", async () => {
    const repo = repoWith({ registry: directoryRegistryText(), snapshot: baseSnapshot }, { registry: directoryRegistryText(), snapshot: headSnapshot });
    const markdown = await reviewLast(repo);
    expect(markdown.stderr).toBe("");
    expect(markdown.stdout).toContain("directory: 1 group changed membership");
    expect(markdown.stdout).toContain(
      "### Directory membership changes\n\n- <code>cloud-security</code> (corp-ad, read 2026-11-15T06:00:00Z -&gt; 2026-11-22T06:00:00Z): joined: Li Chen (<code>Li.Chen@example.com</code>); left: Ann Lee (<code>ann.lee@example.com</code>); Omar Said (<code>omar.said@example.com</code>): current -> disabled (userAccountControl has ACCOUNTDISABLE)\n",
    );
    const json = JSON.parse((await reviewLast(repo, "--format", "json")).stdout);
    expect(json.directoryChanges).toEqual([
      {
        group: "cloud-security",
        source: "corp-ad",
        readBefore: "2026-11-15T06:00:00Z",
        readAfter: "2026-11-22T06:00:00Z",
        joined: [{ name: "Li Chen", email: "Li.Chen@example.com" }],
        left: [{ name: "Ann Lee", email: "ann.lee@example.com" }],
        stateChanged: [
          { name: "Omar Said", email: "omar.said@example.com", before: "current", after: "disabled", reason: "userAccountControl has ACCOUNTDISABLE" },
        ],
      },
    ]);
    // The policy did not change: a refresh is no weakening.
    expect(json.policy.changes).toEqual([]);
  });

  test("the same snapshot on both sides: no membership changes", async () => {
    const side = { registry: directoryRegistryText(), snapshot: headSnapshot };
    const json = JSON.parse((await reviewLast(repoWith(side, side), "--format", "json")).stdout);
    expect(json.directoryChanges).toEqual([]);
  });

  test("a group that stops reading its members from the directory is a policy weakening at its line", async () => {
    const typed = directoryRegistryText().replace("    source: corp-ad\n", "    members: [jdoe, rroe]\n");
    const repo = repoWith({ registry: directoryRegistryText(), snapshot: headSnapshot }, { registry: typed, snapshot: headSnapshot });
    const { stdout } = await reviewLast(repo);
    expect(stdout).toContain(
      "| group <code>cloud-security</code> <code>source</code> | <code>corp-ad</code> | **<code>not set</code>** | **weakens**: group cloud-security's typed members count, no longer read from the directory |",
    );
    const json = JSON.parse((await reviewLast(repo, "--format", "json")).stdout);
    const weakening = json.findingsIntroduced.find((f: { ruleId: string }) => f.ruleId === "policy-weakened");
    expect([weakening.field, weakening.location]).toEqual(["groups.cloud-security.source", "contacts/registry.yaml:22:3"]);
  });

  test("removing the directories entry a group read is a weakening too; the group's own change is listed beside it", async () => {
    const withoutDirectory = directoryRegistryText()
      .replace(/directories:\n( {4}.*\n| {2}corp-ad:\n)+/, "")
      .replace("policy:\n  resolveAddressesIn: corp-ad\n  maxDirectoryAgeDays: 7\n", "")
      .replace("    source: corp-ad\n", "    members: [jdoe, rroe]\n");
    const repo = repoWith({ registry: directoryRegistryText(), snapshot: headSnapshot }, { registry: withoutDirectory, snapshot: headSnapshot });
    const run = await reviewLast(repo, "--format", "json");
    expect(run.stderr).toBe("");
    const json = JSON.parse(run.stdout);
    const changes = json.policy.changes.map((c: { setting: string; subject?: string; weakens: boolean; meaning: string }) => [
      c.setting,
      c.subject,
      c.weakens,
      c.meaning,
    ]);
    expect(changes).toEqual(
      expect.arrayContaining([
        ["groups", "cloud-security", true, "group cloud-security's typed members count, no longer read from the directory"],
        ["directories", "corp-ad", true, "directory removed that group cloud-security read"],
      ]),
    );
  });
});
