import { unzipSync } from "fflate";
import * as fs from "fs";
import * as path from "path";
import { writeLibrariesZip, zipLibraries } from "../stacks/python-libraries-zip";
import { baseConfig, writeTempProject } from "../testkit/temp-project";

describe("zipLibraries", () => {
  const scriptsDir = path.join(path.dirname(writeTempProject(baseConfig())), "job_scripts");
  fs.mkdirSync(path.join(scriptsDir, "shared_lib", "__pycache__"));
  fs.writeFileSync(path.join(scriptsDir, "shared_lib", "__pycache__", "x.cpython-311.pyc"), "cache");
  fs.mkdirSync(path.join(scriptsDir, "shared_lib", "tests"));
  fs.writeFileSync(path.join(scriptsDir, "shared_lib", "tests", "test_x.py"), "def test(): pass\n");
  fs.writeFileSync(path.join(scriptsDir, "shared_lib", "io.py"), "X = 1\n");

  test("holds the package under its own name, without caches or tests, so `import shared_lib` works", () => {
    const entries = unzipSync(zipLibraries(scriptsDir, ["shared_lib"]));
    expect(Object.keys(entries).sort()).toEqual(["shared_lib/__init__.py", "shared_lib/io.py"]);
    expect(Buffer.from(entries["shared_lib/io.py"]).toString()).toBe("X = 1\n");
  });

  test("is byte-for-byte the same for the same files, whatever their timestamps", () => {
    const before = zipLibraries(scriptsDir, ["shared_lib"]);
    fs.utimesSync(path.join(scriptsDir, "shared_lib", "io.py"), new Date(), new Date("2001-01-01"));
    expect(Buffer.from(zipLibraries(scriptsDir, ["shared_lib"])).equals(Buffer.from(before))).toBe(true);
  });

  test("changes, and gets a new file name, when a module changes", () => {
    const before = writeLibrariesZip(scriptsDir, ["shared_lib"]);
    fs.appendFileSync(path.join(scriptsDir, "shared_lib", "io.py"), "Y = 2\n");
    const after = writeLibrariesZip(scriptsDir, ["shared_lib"]);
    expect(after).not.toBe(before);
    expect(fs.existsSync(after)).toBe(true);
  });
});
