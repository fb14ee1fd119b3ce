import { closestName } from "../../src/model/closest-name";

describe("closestName: the defined name a typo most likely meant", () => {
  const people = ["jdoe", "rroe", "omar", "lchen", "apatel", "mmajor"];

  test.each([
    ["omr", "omar"], // a letter left out
    ["omarr", "omar"], // one too many
    ["rreo", "rroe"], // two neighbours swapped
    ["LChen", "lchen"], // case alone
    ["apatle", "apatel"],
  ])("%s suggests %s", (typo, meant) => {
    expect(closestName(typo, people)).toBe(meant);
  });

  test("nothing close, nothing suggested: short names need an exact-but-one match, long ones at most three edits", () => {
    expect(closestName("bob", people)).toBeUndefined();
    expect(closestName("ops", ["sec", "billing"])).toBeUndefined();
    expect(closestName("payments-sec", ["payments-security"])).toBeUndefined();
    expect(closestName("x", ["y"])).toBeUndefined();
    expect(closestName("anyone", [])).toBeUndefined();
  });

  test("of two equally close names, the first in sort order, whatever order they come in", () => {
    expect(closestName("team-b", ["team-c", "team-a"])).toBe("team-a");
  });
});
