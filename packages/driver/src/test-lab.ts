// Test helper: the lab composed as the CLI composes it, with one persistent shell.
import { BASE_PROGRAMS, Kernel, consoleFile, runShell } from "@rng/guest-kernel";
import { COST_PROFILES, PcMachine } from "@rng/hw-qemu";
import { installDriverPackage, labKernelOptions, type DriverChoice } from "./install.js";

export function lab(driver: DriverChoice, args: string[] = ["-M", "pc", "-m", "128", "-device", "my_rng"]) {
  const m = PcMachine.fromArgs(args);
  const k = new Kernel(m.cpuView(), COST_PROFILES.tcg, labKernelOptions(driver));
  for (const exe of BASE_PROGRAMS) k.installExecutable(exe);
  installDriverPackage(k, driver);
  k.boot();
  let out = "";
  let err = "";
  const dec = new TextDecoder();
  const sh = k.createProcess(undefined, [consoleFile("c", undefined), consoleFile("c", (b) => (out += dec.decode(b))), consoleFile("c", (b) => (err += dec.decode(b)))]);
  sh.env.set("PWD", "/");
  return {
    m,
    k,
    sh,
    /** Runs one shell command line; returns its status, output and the dmesg lines it added (no stamps). */
    run(cmd: string) {
      out = "";
      err = "";
      const before = k.log.length;
      const code = runShell(sh, cmd);
      const dmesg = k.log.text().split("\n").slice(before, -1).map((l) => l.replace(/^\[[ \d.]+\] /, ""));
      return { code, stdout: out, stderr: err, dmesg };
    },
  };
}

/** The numbers rng-lab prints, in order. */
export function numbers(stdout: string): number[] {
  return [...stdout.matchAll(/number \d: (\d+)/g)].map((m) => Number(m[1]));
}

export const SRAND0 = [1804289383, 846930886, 1681692777, 1714636915, 1957747793];
