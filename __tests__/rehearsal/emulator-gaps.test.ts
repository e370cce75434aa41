import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { EMULATOR_DIR } from "../../rehearsal/emulator/emulator";
import { EMULATOR_GAPS, formatGaps, MOTO_VERSION } from "../../rehearsal/emulator/emulator-gaps";

const HANDLING = /^(patched in the launcher \((moto_[a-z_]+\/[a-z0-9_]+\.py)[,)]|resource left out: .+|checked outside the emulator: .+|accepted: .+)/;

describe("EMULATOR_GAPS", () => {
  test("each gap says what AWS does, what moto does, and how it is handled", () => {
    expect(EMULATOR_GAPS.length).toBeGreaterThan(0);
    for (const gap of EMULATOR_GAPS) {
      expect(gap.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)+$/);
      expect(gap.motoVersion).toBe(MOTO_VERSION);
      expect(gap.aws.length).toBeGreaterThan(20);
      expect(gap.moto.length).toBeGreaterThan(20);
      expect(gap.handling).toMatch(HANDLING);
    }
    expect(new Set(EMULATOR_GAPS.map((g) => g.id)).size).toBe(EMULATOR_GAPS.length);
  });

  test("the moto version is the one requirements-integ.txt pins", () => {
    expect(readFileSync(join(__dirname, "..", "..", "requirements-integ.txt"), "utf8")).toContain(`moto[server]==${MOTO_VERSION}\n`);
  });

  test("every patch it names exists and names the gap", () => {
    for (const gap of EMULATOR_GAPS) {
      const module = HANDLING.exec(gap.handling)?.[2];
      if (!module) continue;
      const file = join(EMULATOR_DIR, module);
      expect(existsSync(file)).toBe(true);
      const docstring = /^"""([\s\S]*?)"""/.exec(readFileSync(file, "utf8"))?.[1] ?? "";
      if (module.startsWith("moto_patches/")) expect(docstring).toContain(gap.id);
    }
  });

  test("every patch module of the launcher is in the list", () => {
    const patches = readFileSync(join(EMULATOR_DIR, "moto_patches", "__init__.py"), "utf8");
    const listed = [...patches.matchAll(/^ {4}([a-z_]+),$/gm)].map((m) => m[1]);
    expect(listed.length).toBeGreaterThan(0);
    for (const name of listed) expect(EMULATOR_GAPS.some((g) => g.handling.includes(`moto_patches/${name}.py`))).toBe(true);
  });

  test("formatGaps prints every gap with its handling", () => {
    const text = formatGaps();
    for (const gap of EMULATOR_GAPS) expect(text).toContain(`- ${gap.id} (moto ${MOTO_VERSION})`);
    expect(text).toContain("handling: patched in the launcher");
  });
});
