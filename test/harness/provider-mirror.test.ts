import fs from "node:fs";
import path from "node:path";
import { filesystemMirrorPaths, findProviderMirror } from "../support/provider-mirror";
import { tempDir } from "../support/workspace";

const VERSION = "5.100.0";

/** A folder laid out as `terraform providers mirror` leaves it, holding hashicorp/aws at `version`. */
function fakeMirror(parent: string, version = VERSION): string {
  fs.mkdirSync(path.join(parent, "registry.terraform.io", "hashicorp", "aws", version, "linux_amd64"), { recursive: true });
  return parent;
}

describe("npm test finds the AWS provider mirror without TF_PLUGIN_MIRROR", () => {
  it("TF_PLUGIN_MIRROR wins when it holds the provider", () => {
    const mirror = fakeMirror(tempDir("mirror-"));
    expect(findProviderMirror(VERSION, { TF_PLUGIN_MIRROR: mirror, HOME: tempDir("home-") }, tempDir("root-"))).toEqual({
      found: true,
      root: mirror,
      via: "TF_PLUGIN_MIRROR",
    });
  });

  it("a TF_PLUGIN_MIRROR without the provider version is reported, not searched past", () => {
    const mirror = fakeMirror(tempDir("mirror-"), "5.99.0");
    const result = findProviderMirror(VERSION, { TF_PLUGIN_MIRROR: mirror, HOME: tempDir("home-") }, tempDir("root-"));
    expect(result).toEqual({ found: false, reason: expect.stringContaining(`has no hashicorp/aws ${VERSION}`) });
  });

  it("finds Terraform's implied local mirror under the home folder", () => {
    const home = tempDir("home-");
    const mirror = fakeMirror(path.join(home, ".terraform.d", "plugins"));
    expect(findProviderMirror(VERSION, { HOME: home, XDG_DATA_DIRS: tempDir("data-") }, tempDir("root-"))).toMatchObject({ found: true, root: mirror });
  });

  it("finds the filesystem_mirror that the CLI configuration names", () => {
    const mirror = fakeMirror(tempDir("mirror-"));
    const config = path.join(tempDir("cli-"), "terraform.rc");
    fs.writeFileSync(
      config,
      `provider_installation {\n  filesystem_mirror {\n    path    = ${JSON.stringify(mirror)}\n    include = ["registry.terraform.io/*/*"]\n  }\n  direct {}\n}\n`,
    );
    expect(
      findProviderMirror(VERSION, { HOME: tempDir("home-"), XDG_DATA_DIRS: tempDir("data-"), TF_CLI_CONFIG_FILE: config }, tempDir("root-")),
    ).toMatchObject({
      found: true,
      root: mirror,
      via: "the CLI configuration's filesystem_mirror",
    });
  });

  it("searches four folders deep as `find / -maxdepth 4 -name registry.terraform.io` would", () => {
    const root = tempDir("root-");
    const mirror = fakeMirror(path.join(root, "opt", "tf-plugins"));
    expect(findProviderMirror(VERSION, { HOME: tempDir("home-"), XDG_DATA_DIRS: tempDir("data-") }, root)).toMatchObject({ found: true, root: mirror });
  });

  it("says where it looked when there is no mirror", () => {
    const result = findProviderMirror(VERSION, { HOME: tempDir("home-"), XDG_DATA_DIRS: tempDir("data-") }, tempDir("root-"));
    expect(result).toEqual({ found: false, reason: expect.stringMatching(/no filesystem mirror of hashicorp\/aws 5\.100\.0 found .*TF_PLUGIN_MIRROR/) });
  });

  it("reads every filesystem_mirror path of a CLI configuration", () => {
    expect(
      filesystemMirrorPaths('provider_installation {\n filesystem_mirror { path = "/a" }\n filesystem_mirror {\n include = ["x"]\n path = "/b \\"q\\"" }\n}'),
    ).toEqual(["/a", '/b "q"']);
  });
});
