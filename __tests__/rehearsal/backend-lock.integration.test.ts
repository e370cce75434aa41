/**
 * The root cause of the rehearsal's lost creates, reproduced and guarded: moto's backends are not
 * thread-safe (backend_lock_race.py), and the launcher serializes every request on one lock.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { VENV_PYTHON } from "../../rehearsal/emulator/moto-server";

interface Race {
  readonly mode: string;
  readonly calls: number;
  readonly errors: number;
  readonly messages: string[];
}

const race = (mode: "bare" | "locked"): Race => JSON.parse(execFileSync(VENV_PYTHON, [join(__dirname, "backend_lock_race.py"), mode, "3"], { encoding: "utf8" })) as Race;

describe("moto's backends under concurrent requests", () => {
  test("bare, a lookup that walks the roles while another thread adds one fails (moto answers it 500)", () => {
    const bare = race("bare");
    expect(bare.calls).toBeGreaterThan(100);
    expect(bare.errors).toBeGreaterThan(0);
    expect(bare.messages).toContain("dictionary changed size during iteration");
  }, 60_000);

  test("under the launcher's BACKENDS lock, the same threads never fail", () => {
    const locked = race("locked");
    expect(locked.calls).toBeGreaterThan(100);
    expect(locked).toMatchObject({ errors: 0, messages: [] });
  }, 60_000);

  test("the launcher serves moto, its recorder and patches inside SerializedBackends", () => {
    const launcher = readFileSync(join(__dirname, "..", "..", "rehearsal", "emulator", "moto_launcher.py"), "utf8");
    expect(launcher).toMatch(/app = SerializedBackends\(CallRecorder\(DomainDispatcherApplication\(/);
  });
});
