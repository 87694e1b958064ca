import { readFileSync } from "node:fs";
import { join } from "node:path";
import { COST_PROFILES, PcMachine } from "@rng/hw-qemu";
import { describe, expect, it } from "vitest";
import { consoleFile } from "../console.js";
import { Kernel } from "../kernel.js";
import { BASE_PROGRAMS } from "./index.js";

function captured(file: string, command: string): string {
  const text = readFileSync(join(import.meta.dirname, "../../test/fixtures/guest", file), "utf8");
  const start = text.indexOf(`===== ${command} =====\n`);
  if (start < 0) throw new Error(`no ${command} in ${file}`);
  const body = text.slice(start + command.length + 13);
  return body.slice(0, body.indexOf("----- rc="));
}

/** Boots the machine and runs one program with its argv; returns stdout, stderr and the status. */
function runProgram(args: string[], argv: string[]) {
  const m = PcMachine.fromArgs(args);
  const k = new Kernel(m.cpuView(), COST_PROFILES.tcg);
  for (const exe of BASE_PROGRAMS) k.installExecutable(exe);
  k.boot();
  let out = "";
  let err = "";
  const dec = new TextDecoder();
  const p = k.createProcess(undefined, [consoleFile("c", undefined), consoleFile("c", (b) => (out += dec.decode(b))), consoleFile("c", (b) => (err += dec.decode(b)))]);
  p.env.set("PWD", "/");
  const status = p.spawnWait(argv, new Map());
  return { out, err, status, k, m };
}

// This small kernel builds no stock-device drivers, so lspci prints no "Kernel modules:" lines.
const noModules = (t: string) => t.replace(/^\tKernel modules: .*\n/gm, "");

describe("lspci in the guest prints what the real guest printed (-m 512, pci-testdev)", () => {
  const cases: [string, string[]][] = [
    ["lab.txt", ["-M", "pc", "-m", "512", "-device", "pci-testdev"]],
    ["nic-before.txt", ["-M", "pc", "-m", "512", "-device", "e1000", "-device", "pci-testdev"]],
  ];
  for (const [file, args] of cases) {
    for (const cmd of ["lspci", "lspci -v", "lspci -vv", "lspci -n", "lspci -nn", "lspci -x", "lspci -t"]) {
      it(`${file}: ${cmd}`, () => {
        const want = noModules(captured(file, cmd));
        const r = runProgram(args, cmd.split(" "));
        expect(r.out).toBe(want);
        expect(r.status).toBe(0);
      });
    }
  }
  it("lab.txt: lspci -v -s 00:04.0 and -vv -s 00:04.0", () => {
    const args = ["-M", "pc", "-m", "512", "-device", "pci-testdev"];
    expect(runProgram(args, ["lspci", "-v", "-s", "00:04.0"]).out).toBe(captured("lab.txt", "lspci -v -s 00:04.0"));
    expect(runProgram(args, ["lspci", "-vv", "-s", "00:04.0"]).out).toBe(captured("lab.txt", "lspci -vv -s 00:04.0"));
  });
  it("the lab's device, as lab.md shows it", () => {
    const r = runProgram(["-device", "my_rng"], ["lspci", "-v", "-s", "00:04.0"]);
    expect(r.out).toBe(
      "00:04.0 Unclassified device [00ff]: Device 1234:cafe (rev 10)\n\tSubsystem: Red Hat, Inc. Device 1100\n\tPhysical Slot: 4\n\tFlags: fast devsel\n\tMemory at febf1000 (32-bit, non-prefetchable) [size=4K]\n\n",
    );
  });
});

describe("busybox-like tools", () => {
  it("hexdump -C of the config file, as the real guest shows it", () => {
    const r = runProgram(["-M", "pc", "-m", "512", "-device", "pci-testdev"], ["hexdump", "-C", "/sys/bus/pci/devices/0000:00:04.0/config"]);
    expect(r.out).toBe(captured("lab.txt", "hexdump -C /sys/bus/pci/devices/0000:00:04.0/config"));
  });
  it("devmem reads the RNG register through /dev/mem, and writes SEED", () => {
    expect(runProgram(["-device", "my_rng"], ["devmem", "0xfebf1000"]).out).toBe("0x6B8B4567\n");
    const r = runProgram(["-device", "my_rng"], ["devmem", "0xfebf1004", "32", "0x42"]);
    expect(r.status).toBe(0);
    expect(r.m.cpuView().load32(0xfebf1000)).toBe(286129175);
    expect(runProgram(["-device", "my_rng"], ["devmem", "0xfebf1000", "16"]).out).toBe("0x0000\n");
  });
  it("setpci reads registers by name and offset and writes through sysfs config", () => {
    const args = ["-device", "my_rng"];
    expect(runProgram(args, ["setpci", "-s", "00:04.0", "VENDOR_ID"]).out).toBe("1234\n");
    expect(runProgram(args, ["setpci", "-s", "00:04.0", "BASE_ADDRESS_0"]).out).toBe("febf1000\n");
    expect(runProgram(args, ["setpci", "-s", "04.0", "08.b"]).out).toBe("10\n");
    const w = runProgram(args, ["setpci", "-s", "00:04.0", "COMMAND=0"]);
    expect(w.status).toBe(0);
    expect(w.m.cpuView().load32(0xfebf1000)).toBe(0); // memory decoding off: the BAR is gone
    expect(runProgram(args, ["setpci", "-s", "00:04.0", "NOSUCH"]).status).toBe(1);
  });
  it("cat, ls and mknod report errors as busybox does", () => {
    const r = runProgram(["-device", "my_rng"], ["cat", "/nope"]);
    expect([r.status, r.err]).toEqual([1, "cat: can't open '/nope': No such file or directory\n"]);
    // open succeeds on a directory, read fails: busybox's bb_copyfd_eof says "read error".
    const d = runProgram(["-device", "my_rng"], ["cat", "/dev"]);
    expect([d.status, d.err]).toEqual([1, "cat: read error: Is a directory\n"]);
    expect(runProgram(["-device", "my_rng"], ["ls", "/sys/bus/pci/slots"]).out.split("\n")[0]).toBe("10");
    const n = runProgram(["-device", "my_rng"], ["mknod", "/dev/null", "c", "1", "3"]);
    expect([n.status, n.err]).toEqual([1, "mknod: /dev/null: File exists\n"]);
  });
  it("in a script no job outlives its command: jobs lists none, kill %N says there is no such job", () => {
    expect(runProgram(["-device", "my_rng"], ["jobs"])).toMatchObject({ status: 0, out: "" });
    expect(runProgram(["-device", "my_rng"], ["kill", "%3"])).toMatchObject({ status: 1, err: "sh: kill: %3: no such job\n" });
    expect(runProgram(["-device", "my_rng"], ["kill", "99"])).toMatchObject({ status: 1, err: "kill: can't kill pid 99: No such process\n" });
  });
  it("dmesg prints the kernel log", () => {
    const r = runProgram(["-device", "my_rng"], ["dmesg"]);
    expect(r.out).toContain("pci 0000:00:04.0: [1234:cafe] type 00 class 0x00ff00");
    expect(r.out).toMatch(/acpiphp: Slot \[31\] registered/);
  });
});
