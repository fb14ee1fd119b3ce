/** The pure parts of the Graph reader: a member's state from what Graph returned, and the OData literals sent. */
import { GraphDirectoryError } from "../../src/directory/graph";
import { memberFrom } from "../../src/directory/graph/graph-members";
import { addressFilter, odataString } from "../../src/directory/graph/odata";

const context = { source: "entra", address: "security@corp.example" };
const now = new Date("2026-12-01T09:00:00Z");
const user = (fields: Record<string, unknown>) => ({
  id: "u1",
  displayName: "Jane",
  mail: "jane@corp.example",
  accountEnabled: true,
  employeeLeaveDateTime: null,
  ...fields,
});

describe("memberFrom: a member's state as of the read", () => {
  test("an enabled user without a leave date is current", () => {
    expect(memberFrom(user({}), now, context)).toEqual({ id: "u1", displayName: "Jane", mail: "jane@corp.example", state: "current" });
  });

  test("a leave date exactly at the read's time is left; a second later is still current", () => {
    expect(memberFrom(user({ employeeLeaveDateTime: "2026-12-01T09:00:00Z" }), now, context)).toMatchObject({
      state: "left",
      stateReason: "employeeLeaveDateTime 2026-12-01T09:00:00Z",
    });
    expect(memberFrom(user({ employeeLeaveDateTime: "2026-12-01T09:00:01Z" }), now, context).state).toBe("current");
  });

  test("a disabled account is disabled, whatever its leave date", () => {
    expect(memberFrom(user({ accountEnabled: false, employeeLeaveDateTime: "2026-01-01T00:00:00Z" }), now, context)).toMatchObject({
      state: "disabled",
      stateReason: "accountEnabled false",
    });
  });

  test("a user without mail is kept, without mail", () => {
    expect(memberFrom(user({ mail: null }), now, context)).toEqual({ id: "u1", displayName: "Jane", state: "current" });
  });

  test.each([
    ["no accountEnabled", { accountEnabled: undefined }, /without accountEnabled.*User\.Read\.All/],
    ["no employeeLeaveDateTime", { employeeLeaveDateTime: undefined }, /without employeeLeaveDateTime.*User-LifeCycleInfo\.Read\.All/],
    ["a leave date that is not a date", { employeeLeaveDateTime: "soon" }, /employeeLeaveDateTime "soon", not a date and time/],
    ["no id", { id: undefined }, /an entry without an id/],
    ["a group where a user was asked for", { "@odata.type": "#microsoft.graph.group" }, /"#microsoft\.graph\.group" where a user was asked for/],
  ])("%s is an error naming the source and address, never a current member", (_, fields, message) => {
    const item = JSON.parse(JSON.stringify(user(fields))) as unknown;
    expect(() => memberFrom(item, now, context)).toThrow(GraphDirectoryError);
    expect(() => memberFrom(item, now, context)).toThrow(message);
    expect(() => memberFrom(item, now, context)).toThrow(/^directory source "entra", address "security@corp\.example": /);
  });
});

describe("OData literals: an address cannot end its string", () => {
  test("single quotes are doubled", () => {
    expect(odataString("o'brien@corp.example")).toBe("'o''brien@corp.example'");
    expect(odataString("''")).toBe("''''''");
  });

  test("the filter matches mail and the smtp: proxy address of the same literal", () => {
    expect(addressFilter("a'b@c.example")).toBe("mail eq 'a''b@c.example' or proxyAddresses/any(p:p eq 'smtp:a''b@c.example')");
  });
});
