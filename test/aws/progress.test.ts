import { progressReporter } from "../../src/aws/progress";

function run(tty: boolean, total: number, msPerTick: number) {
  let now = 0;
  let out = "";
  const progress = progressReporter({ write: (t) => (out += t), tty, label: "accounts' contacts read", clock: () => now });
  progress.start(total);
  for (let i = 0; i < total; i++) {
    now += msPerTick;
    progress.tick();
  }
  progress.done();
  return out;
}

describe("progress of a long read", () => {
  test("in a log: a line at the start and every 10%, not one per account", () => {
    const lines = run(false, 1000, 1).trimEnd().split("\n");
    expect(lines).toHaveLength(11);
    expect(lines[0]).toBe("0/1000 accounts' contacts read (0%), 0 s");
    expect(lines[10]).toBe("1000/1000 accounts' contacts read (100%), 1 s");
  });

  test("in a log, a slow read still shows it is alive every 5 seconds", () => {
    // 3 s an account: 10% takes 30 s, so the 5-second lines come between.
    const lines = run(false, 100, 3000).trimEnd().split("\n");
    expect(lines.slice(0, 3)).toEqual([
      "0/100 accounts' contacts read (0%), 0 s",
      "2/100 accounts' contacts read (2%), 6 s",
      "4/100 accounts' contacts read (4%), 12 s",
    ]);
  });

  test("on a terminal: one bar redrawn in place, ended by a newline", () => {
    const out = run(true, 50, 200);
    expect(out.startsWith("\r[------------------------------] 0% 0/50")).toBe(true);
    expect(out.split("\n")).toHaveLength(2);
    expect(out).toMatch(/\r\[#{30}\] 100% 50\/50 accounts' contacts read, 10 s\n$/);
  });
});
