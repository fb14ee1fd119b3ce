import * as fs from "fs";
import * as path from "path";
import { writeAtomically } from "../../src/run/write-atomically";
import { tempDir } from "../support/workspace";

describe("writeAtomically: the files a run writes (reports, evidence) are written all or none", () => {
  test("every file is written whole, in folders made for it, and no temporary file stays", () => {
    const folder = tempDir("write-atomically-");
    writeAtomically([
      { file: path.join(folder, "out/contact-policy.json"), text: "{}\n" },
      { file: path.join(folder, "out/contact-policy.sarif"), text: "sarif\n" },
    ]);
    expect(fs.readFileSync(path.join(folder, "out/contact-policy.json"), "utf8")).toBe("{}\n");
    expect(fs.readFileSync(path.join(folder, "out/contact-policy.sarif"), "utf8")).toBe("sarif\n");
    expect(fs.readdirSync(path.join(folder, "out")).sort()).toEqual(["contact-policy.json", "contact-policy.sarif"]);
  });

  test("when one file cannot be written, none is replaced and nothing is left beside them", () => {
    const folder = tempDir("write-atomically-");
    fs.writeFileSync(path.join(folder, "report.json"), "old report");
    // A regular file where the second output's folder should be: the second write fails.
    fs.writeFileSync(path.join(folder, "blocked"), "");
    expect(() =>
      writeAtomically([
        { file: path.join(folder, "report.json"), text: "new report" },
        { file: path.join(folder, "blocked/report.sarif"), text: "new sarif" },
      ]),
    ).toThrow();
    expect(fs.readFileSync(path.join(folder, "report.json"), "utf8")).toBe("old report");
    expect(fs.readdirSync(folder).sort()).toEqual(["blocked", "report.json"]);
  });

  test("a symbolic link is written through: the file it points at gets the text, the link stays", () => {
    const folder = tempDir("write-atomically-");
    fs.writeFileSync(path.join(folder, "target.json"), "old");
    fs.symlinkSync("target.json", path.join(folder, "link.json"));
    writeAtomically([{ file: path.join(folder, "link.json"), text: "new" }]);
    expect(fs.lstatSync(path.join(folder, "link.json")).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(path.join(folder, "target.json"), "utf8")).toBe("new");
  });
});
