import { registryError } from "../../policies/registry-error";

const position = { file: "contacts/registry.yaml", line: 75, column: 90 };
const unknownCard = { message: 'unknown contact card "payments-sec"', fix: 'add "payments-sec" under contacts' };

describe("registry-error: a registry that does not load is reported like a finding", () => {
  test("Noncompliance 1: a problem is an error at its line, naming its path, with the loader's fix", () => {
    const problem = { position, path: "accounts.222222222222.contacts.operations", ...unknownCard };
    expect(registryError.check(problem)).toEqual([
      {
        message: 'accounts.222222222222.contacts.operations: unknown contact card "payments-sec"',
        fix: 'add "payments-sec" under contacts',
        location: position,
        cause: { key: expect.any(String) },
      },
    ]);
    expect(registryError.severity).toBe("error");
    expect(registryError.exceptable).toBe(false);
  });

  test("Noncompliance 2: a problem with the file as a whole has no path to name", () => {
    const problem = { position: { ...position, line: 1, column: 1 }, path: "", message: "the registry file does not exist", fix: "create it" };
    expect(registryError.check(problem)).toEqual([
      expect.objectContaining({ message: "the registry file does not exist", fix: "create it", location: problem.position }),
    ]);
  });

  test("Noncompliance 3: the same mistake at two paths has one cause, so it is one finding; another mistake has its own", () => {
    const [first] = registryError.check({ position, path: "accounts.222222222222.contacts.operations", ...unknownCard });
    const [second] = registryError.check({ position: { ...position, line: 76 }, path: "accounts.333333333333.contacts.operations", ...unknownCard });
    const [other] = registryError.check({ position, path: "accounts.222222222222.ou", message: 'unknown OU "Sandbx"', fix: "correct the OU" });
    expect(second.cause!.key).toBe(first.cause!.key);
    expect(other.cause!.key).not.toBe(first.cause!.key);
  });
});
