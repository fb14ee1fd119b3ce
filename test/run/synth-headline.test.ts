import { accountsFileNotFound } from "../../src/registry/accounts-file-errors";
import { RegistryError, restateIssues } from "../../src/registry/errors";
import { synthInputErrorText } from "../../src/run/synth-headline";
import { UsageError } from "../../src/model/usage-error";

const issue = (line: number) => ({
  position: { file: "contacts/registry.yaml", line, column: 3 },
  path: "people.jdoe",
  message: `problem on line ${line}`,
  fix: "correct it",
});

describe("registry errors carry their issues; each entry point writes its headline", () => {
  test("the error's own message states the subject and the issues in file order, and claims nothing about what was not done", () => {
    const error = new RegistryError("contacts/registry.yaml", [issue(9), issue(4)]);
    expect(error.issues.map((i) => i.position.line)).toEqual([4, 9]);
    expect(error.subject).toBe("The contacts registry contacts/registry.yaml");
    expect(error.message).toBe(
      "The contacts registry contacts/registry.yaml has 2 errors:\n" +
        "  contacts/registry.yaml:4:3 people.jdoe: problem on line 4. Fix: correct it.\n" +
        "  contacts/registry.yaml:9:3 people.jdoe: problem on line 9. Fix: correct it.",
    );
  });

  test("synth's headline: nothing was synthesized, for the registry and for the accounts file it names", () => {
    expect(synthInputErrorText(new RegistryError("contacts/registry.yaml", [issue(4)]))).toBe(
      "The contacts registry contacts/registry.yaml has 1 error; nothing was synthesized:\n  contacts/registry.yaml:4:3 people.jdoe: problem on line 4. Fix: correct it.",
    );
    const accounts = accountsFileNotFound("contacts/accounts.json", { file: "contacts/registry.yaml", line: 83, column: 31 });
    expect(synthInputErrorText(accounts)).toMatch(
      /^The organization accounts file contacts\/accounts\.json \(organization\.accountsFile at contacts\/registry\.yaml:83:31\) has 1 error; nothing was synthesized:\n {2}contacts\/registry\.yaml:83:31 organization\.accountsFile: the organization accounts file contacts\/accounts\.json does not exist\. Fix: /,
    );
    expect(synthInputErrorText(new UsageError("CONTACTS_TODAY=x is not a date."))).toBe("CONTACTS_TODAY=x is not a date.");
  });

  test("a command restates the same issues under its own subject and consequence", () => {
    const error = new RegistryError("contacts/registry.yaml", [issue(4)]);
    expect(restateIssues(error, "contacts check-plan: the contacts registry contacts/registry.yaml", "no plan was judged")).toBe(
      "contacts check-plan: the contacts registry contacts/registry.yaml has 1 error; no plan was judged:\n  contacts/registry.yaml:4:3 people.jdoe: problem on line 4. Fix: correct it.",
    );
  });
});
