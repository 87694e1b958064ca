import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { COST_PROFILES, PcMachine } from "@rng/hw-qemu";
import { describe, expect, it } from "vitest";
import { consoleFile } from "./console.js";
import { Kernel } from "./kernel.js";
import { parseParam } from "./module.js";
import { helloParams } from "./test-hello-params.js";
import { BASE_PROGRAMS, runShell } from "./userspace/index.js";

/** A booted guest with hello_params.ko in / and in /lib/modules; run() executes one shell command. */
function guest() {
  const m = PcMachine.fromArgs(["-M", "pc", "-m", "512", "-device", "pci-testdev"]);
  const k = new Kernel(m.cpuView(), COST_PROFILES.tcg);
  for (const exe of BASE_PROGRAMS) k.installExecutable(exe);
  k.installModuleFile(helloParams);
  k.boot();
  let out = "";
  let err = "";
  const dec = new TextDecoder();
  const sh = k.createProcess(undefined, [consoleFile("c", undefined), consoleFile("c", (b) => (out += dec.decode(b))), consoleFile("c", (b) => (err += dec.decode(b)))]);
  sh.env.set("PWD", "/");
  return {
    k,
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

interface Case {
  cmd: string;
  stdout: string;
  stderr: string;
  code: number;
  dmesg: string[];
}

/** The kmod cases of the reference guest (Linux 6.1 + kmod 30), in order. */
function referenceCases(): Case[] {
  const text = readFileSync(join(import.meta.dirname, "../test/fixtures/guest/lab.txt"), "utf8");
  const part = text.slice(text.indexOf("===== insmod hello_params.ko ====="), text.indexOf("##### PART C2"));
  const re = /===== (.*?) =====\n--- stdout ---\n([\s\S]*?)--- stderr ---\n([\s\S]*?)--- exit code: (\d+) ---\n--- new dmesg ---\n([\s\S]*?)--- end ---\n/g;
  return [...part.matchAll(re)].map((m) => ({
    cmd: m[1],
    stdout: m[2],
    stderr: m[3],
    code: Number(m[4]),
    dmesg: m[5].split("\n").filter(Boolean).map((l) => l.replace(/^\[[ \d.]+\] /, "")),
  }));
}

// Differences that are facts of this kernel, not of the loader: the dynamic major (the reference kernel
// already held 247-254, a small kernel hands out 254), file dates, and the reference harness's own shell
// (/init's eval) and fd 10.
const MAJOR_REF = "246";
const UNMODELED = new Set(["cat /proc/modules; cat /sys/module/hello_params/refcnt; ls -l /proc/$$/fd/"]);

describe("insmod, rmmod, lsmod, modinfo and sysfs as Linux 6.1 + kmod 30 show them (hello_params)", () => {
  it("replays every captured case with the same stdout, stderr, exit code and new dmesg lines", () => {
    const g = guest();
    const cases = referenceCases();
    expect(cases.length).toBeGreaterThan(25);
    for (const c of cases) {
      if (UNMODELED.has(c.cmd)) continue;
      const cmd = c.cmd.replace(/ 246 /, " 254 ");
      const r = g.run(cmd);
      const fix = (s: string) => s.replaceAll(MAJOR_REF, "254").replaceAll("6.1.0-56-amd64", "6.1.0-rnglab").replace(/Nov 25 11:43/g, "Jan  1 00:00").replace(/^\/init: eval: line \d+: /, "sh: ");
      const want = { stdout: fix(c.stdout), stderr: fix(c.stderr), code: c.code, dmesg: c.dmesg.map(fix) };
      expect({ stdout: r.stdout, stderr: r.stderr, code: r.code, dmesg: r.dmesg }, c.cmd).toEqual(want);
    }
  });

  it("an open file holds two references (cdev and fops), so rmmod is refused until it is closed", () => {
    const g = guest();
    g.run("insmod hello_params.ko; mknod /dev/hp c 254 0");
    expect(g.run("exec 3</dev/hp; cat /sys/module/hello_params/refcnt").stdout).toBe("2\n");
    expect(g.run("cat /proc/modules").stdout).toBe("hello_params 16384 2 - Live 0xffffffffc0438000 (OE)\n");
    expect(g.run("rmmod hello_params").code).toBe(1);
    expect(g.run("exec 3<&-; rmmod hello_params && lsmod").stdout).toBe("Module                  Size  Used by\n");
  });

  it("a failed init leaves nothing registered: no module, no major, no sysfs directory", () => {
    const g = guest();
    expect(g.run("insmod hello_params.ko count=-1").code).toBe(1);
    expect(g.run("grep hello /proc/devices").code).toBe(1);
    expect(g.run("ls /sys/module").stdout).toBe("");
  });

  it("modprobe finds modules through modules.dep and refuses unknown names", () => {
    const g = guest();
    expect(g.run("modprobe hello_params name=fromprobe && cat /sys/module/hello_params/parameters/name")).toMatchObject({ code: 0, stdout: "fromprobe\n" });
    expect(g.run("modprobe hello_params").code).toBe(0); // already loaded: nothing to do
    expect(g.run("modprobe nosuch")).toMatchObject({ code: 1, stderr: "modprobe: FATAL: Module nosuch not found in directory /lib/modules/6.1.0-rnglab\n" });
  });
});

describe("module parameters parse as kstrto* does", () => {
  it("int takes decimal, 0x-hex and 0-octal in range; ulong takes 64-bit values; anything else is EINVAL", () => {
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), (n) => parseParam("int", String(n)) === n && parseParam("int", n >= 0 ? "0x" + n.toString(16) : "-0x" + (-n).toString(16)) === n),
    );
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), (n) => parseParam("ulong", "0x" + n.toString(16)) === n));
    for (const bad of ["abc", "", "1.5", "0x", "2147483648", "12a"]) expect(parseParam("int", bad)).toBeUndefined();
    expect(parseParam("ulong", "-1")).toBeUndefined();
    expect(parseParam("bool", "Y")).toBe(true);
    expect(parseParam("bool", "maybe")).toBeUndefined();
  });
});
