import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { PcMachine } from "@rng/hw-qemu";
import { runCli } from "../test-cli.js";
import { bootGuest, complete, prompt, runMonitorCommand, xp } from "@rng/lab";
import { Shell } from "@rng/guest-kernel";
import { shellCommand } from "./shell.js";

function guest(driver: "builtin" | "pci" = "pci") {
  const m = PcMachine.fromArgs(["-device", "my_rng"]);
  return { m, g: bootGuest(m, m.costs, driver, { stdout: () => {}, stderr: () => {} }) };
}

describe("rnglab shell", () => {
  it("with stdin not a terminal, runs the lines as a script (state carries across lines) and returns its status", async () => {
    let out = "";
    const io = { stdout: (t: string) => void (out += t), stderr: () => {} };
    const code = await shellCommand(["--driver", "pci"], io, Readable.from(["modprobe my_rng_pci\ncd /dev\nls my_rng0\nrng-lab my_rng0 | head -1\nexit 4\n"]), false);
    expect(code).toBe(4);
    expect(out).toBe("my_rng0\nRound 0 number 0: 1804289383\n");
  });
  it("in a script, poweroff turns the machine off: QEMU exits 0 whatever failed before", async () => {
    let out = "";
    const io = { stdout: (t: string) => void (out += t), stderr: () => {} };
    expect(await shellCommand([], io, Readable.from(["echo up\nfalse\npoweroff\n"]), false)).toBe(0);
    expect(out).toBe("up\n");
    expect(await shellCommand([], io, Readable.from(["false\n"]), false)).toBe(1);
  });
  it("the prompt is busybox ash's for root: the working directory, ~ for /root", () => {
    expect(prompt("/")).toBe("/ # ");
    expect(prompt("/root")).toBe("~ # ");
    expect(prompt("/sys/bus")).toBe("/sys/bus # ");
  });
  it("Tab completes commands, paths and module names", () => {
    const { g } = guest();
    expect(complete(g, "/", "lsp")[0]).toEqual(["lspci "]);
    expect(complete(g, "/", "ls")[0]).toContain("lspci"); // several matches: listed as they are
    expect(complete(g, "/", "ls /sys/bus/p")[0]).toEqual(["/sys/bus/pci/"]);
    expect(complete(g, "/", "modprobe my_rng_p")[0]).toEqual(["my_rng_pci "]);
    expect(complete(g, "/", "insmod my_rng_f")[0]).toEqual(["my_rng_fast.ko "]);
  });
  it("--help, bad options", async () => {
    expect((await runCli(["shell", "--help"])).stdout).toMatch(/Ctrl-A then c/);
    expect((await runCli(["shell", "--driver", "x"])).code).toBe(2);
  });
});

describe("the QEMU monitor (rnglab monitor -c, and Ctrl-A c in the shell)", () => {
  it("xp prints QEMU's format: 16-hex-digit address, values in 0x%08x", () => {
    const { m } = guest("builtin");
    expect(xp(m, "/2xw 0x7000")).toBe("0000000000007000: 0x00000000 0x00000000\n");
    expect(xp(m, "/1dw 0xfebf1000")).toMatch(/^00000000febf1000: \d+\n$/);
    expect(xp(m, "junk")).toBe("Invalid parameter\n");
  });
  it("info mtree lists the address spaces with the BAR regions where firmware put them", async () => {
    const r = await runCli(["monitor", "-c", "info mtree"]);
    expect(r.stdout).toMatch(/^address-space: memory\n {2}0000000000000000-ffffffffffffffff \(prio 0, i\/o\): system\n/);
    expect(r.stdout).toContain("      00000000febf1000-00000000febf1fff (prio 1, i/o): my_rng\n");
    expect(r.stdout).toContain("address-space: I/O\n");
  });
  it("info pci is the same text as rnglab info-pci; unknown commands say so", async () => {
    const { m } = guest("builtin");
    expect(runMonitorCommand(m, "info pci")).toBe(m.infoPci());
    expect(runMonitorCommand(m, "frobnicate")).toBe("unknown command: 'frobnicate'\n");
  });
  it("device_add / device_del: silent on success, QEMU's 'Error: ...' otherwise; the machine's view follows", async () => {
    const r = await runCli(["monitor", "-c", "device_add my_rng,id=r2; device_add my_rng,id=r2; device_del nope; device_add; info pci"]);
    expect(r.stdout.startsWith("Error: Duplicate device ID 'r2'\nError: Device 'nope' not found\nParameter 'driver' is missing\n")).toBe(true);
    // No guest ran: the new function's BAR is still unassigned.
    expect(r.stdout).toContain('Bus  0, device   5, function 0:\n    Class 0255: PCI device 1234:cafe\n      PCI subsystem 1af4:1100\n      BAR0: 32 bit memory at 0xffffffffffffffff [0x00000ffe].\n      id "r2"\n');
  });
  it("in a running guest, the guest's acpiphp assigns the BAR and my_rng_pci probes the new function", () => {
    let out = "";
    const dec = new TextDecoder();
    const m = PcMachine.fromArgs(["-device", "my_rng"]);
    const g = bootGuest(m, m.costs, "pci", { stdout: (b) => void (out += dec.decode(b)), stderr: () => {} });
    const sh = new Shell(g.shell, { env: Object.fromEntries(g.shell.env) });
    const run = (line: string) => {
      out = "";
      sh.run(line);
      return { out };
    };
    run("modprobe my_rng_pci");
    expect(runMonitorCommand(m, "device_add my_rng,id=r2")).toBe("");
    expect(runMonitorCommand(m, "info pci")).toContain('BAR0: 32 bit memory at 0x08000000 [0x08000fff].\n      id "r2"');
    expect(run("ls /dev/my_rng1; dmesg | grep 00:05.0").out.replace(/^\[[ \d.]+\] /gm, "")).toBe(
      "/dev/my_rng1\n" +
        "pci 0000:00:05.0: [1234:cafe] type 00 class 0x00ff00\npci 0000:00:05.0: BAR 0 [mem 0x00000000-0x00000fff]\npci 0000:00:05.0: BAR 0 [mem 0x08000000-0x08000fff]: assigned\n" +
        "my_rng_pci 0000:00:05.0: enabling device (0000 -> 0002)\nmy_rng_pci 0000:00:05.0: my_rng at 0x8000000, /dev/my_rng1 (major 254, minor 1)\n",
    );
  });
});

describe("rnglab --version and completion", () => {
  it("prints the version", async () => {
    expect((await runCli(["--version"])).stdout).toBe("rnglab 0.1.0\n");
  });
  it("bash completion lists the commands and each command's options", async () => {
    const r = await runCli(["completion", "bash"]);
    expect(r.stdout).toContain("complete -F _rnglab rnglab");
    expect(r.stdout).toMatch(/bench\) opts="--design/);
    expect((await runCli(["completion", "fish"])).code).toBe(2);
  });
});
