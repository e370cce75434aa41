import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { assertMotoInstalled, freeLoopbackPort } from "../../rehearsal/emulator/moto-server";

describe("assertMotoInstalled", () => {
  it("fails, naming `npm run setup`, when the virtualenv's python is missing", () => {
    expect(() => assertMotoInstalled("/nonexistent/.venv/bin/python")).toThrow(
      /moto emulator is not installed: \/nonexistent\/.venv\/bin\/python is missing\. Run `npm run setup`/,
    );
  });

  it("fails, naming `npm run setup`, when that python cannot import moto.server", async () => {
    const dir = await mkdtemp(join(tmpdir(), "integ-moto-"));
    try {
      const fakePython = join(dir, "python");
      await writeFile(fakePython, "#!/bin/sh\necho \"ModuleNotFoundError: No module named 'moto'\" >&2\nexit 1\n", { mode: 0o755 });
      expect(() => assertMotoInstalled(fakePython)).toThrow(/cannot import moto\.server \(ModuleNotFoundError: No module named 'moto'\)\. Run `npm run setup`/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("passes for the project's .venv once `npm run setup` has run", () => {
    expect(() => assertMotoInstalled()).not.toThrow();
  });
});

describe("freeLoopbackPort", () => {
  it("returns a usable TCP port", async () => {
    const port = await freeLoopbackPort();
    expect(port).toBeGreaterThan(0);
    expect(port).toBeLessThan(65536);
  });
});
