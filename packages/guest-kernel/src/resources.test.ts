import { readFileSync } from "node:fs";
import { join } from "node:path";
import { COST_PROFILES, PcMachine } from "@rng/hw-qemu";
import { describe, expect, it } from "vitest";
import { consoleFile } from "./console.js";
import { Kernel } from "./kernel.js";
import { O_RDONLY } from "./vfs/file.js";

/** The output of `command` in a reference capture (test/fixtures/guest, real Linux 6.1 on QEMU 7.2). */
function captured(file: string, command: string): string {
  const text = readFileSync(join(import.meta.dirname, "../test/fixtures/guest", file), "utf8");
  const start = text.indexOf(`===== ${command} =====\n`);
  if (start < 0) throw new Error(`no ${command} in ${file}`);
  const body = text.slice(start + command.length + 13);
  return body.slice(0, body.indexOf("----- rc="));
}

function catBytes(args: string[], path: string): Uint8Array {
  const m = PcMachine.fromArgs(args);
  const k = new Kernel(m.cpuView(), COST_PROFILES.tcg);
  k.boot();
  const p = k.createProcess(undefined, [consoleFile("c", undefined)]);
  const b = p.read(p.open(path, O_RDONLY), 1 << 16);
  if (typeof b === "number") throw new Error(`errno ${b}`);
  return b;
}

function catFile(args: string[], path: string): string {
  const m = PcMachine.fromArgs(args);
  const k = new Kernel(m.cpuView(), COST_PROFILES.tcg);
  k.boot();
  const p = k.createProcess(undefined, [consoleFile("c", undefined)]);
  const fd = p.open(path, O_RDONLY);
  const b = p.read(fd, 1 << 16);
  return typeof b === "number" ? `errno ${b}` : new TextDecoder().decode(b);
}

const pciLines = (t: string) => t.split("\n").filter((l) => /PCI Bus|^ +[0-9a-f]+-[0-9a-f]+ : 0000:/.test(l));

describe("/proc/iomem and /proc/ioports match the real guest (pci-testdev machines, -m 512)", () => {
  const machines: [string, string[]][] = [
    ["lab.txt", ["-M", "pc", "-m", "512", "-device", "pci-testdev"]],
    ["nic-before.txt", ["-M", "pc", "-m", "512", "-device", "e1000", "-device", "pci-testdev"]],
  ];
  for (const [file, args] of machines) {
    it(`${file}: the PCI lines of /proc/iomem`, () => {
      expect(pciLines(catFile(args, "/proc/iomem"))).toEqual(pciLines(captured(file, "cat /proc/iomem")));
    });
    it(`${file}: /proc/iomem apart from the kernel image lines (KASLR moves them)`, () => {
      const drop = (t: string) => t.split("\n").filter((l) => !/Kernel (code|rodata|data|bss)/.test(l));
      expect(drop(catFile(args, "/proc/iomem"))).toEqual(drop(captured(file, "cat /proc/iomem")));
    });
    it(`${file}: /proc/ioports`, () => {
      expect(catFile(args, "/proc/ioports")).toBe(captured(file, "cat /proc/ioports"));
    });
  }
});

describe("sysfs for the PCI functions", () => {
  const args = ["-M", "pc", "-m", "512", "-device", "pci-testdev"];
  for (const attr of ["vendor", "device", "class", "revision", "subsystem_vendor", "subsystem_device", "irq", "resource", "enable"]) {
    it(`/sys/bus/pci/devices/0000:00:04.0/${attr} as the real guest shows it`, () => {
      expect(catFile(args, `/sys/bus/pci/devices/0000:00:04.0/${attr}`)).toBe(captured("lab.txt", `cat /sys/bus/pci/devices/0000:00:04.0/${attr}`));
    });
  }
  it("config reads the live 256-byte config space", () => {
    const c = catBytes(args, "/sys/bus/pci/devices/0000:00:04.0/config");
    expect(c.length).toBe(256);
    expect([...c.subarray(0x10, 0x16)]).toEqual([0x00, 0x10, 0xbf, 0xfe, 0x01, 0xc0]);
  });
  it("the lab's device: my_rng at 00:04.0", () => {
    const a = ["-device", "my_rng"];
    expect(catFile(a, "/sys/bus/pci/devices/0000:00:04.0/vendor")).toBe("0x1234\n");
    expect(catFile(a, "/sys/bus/pci/devices/0000:00:04.0/device")).toBe("0xcafe\n");
    expect(catFile(a, "/sys/bus/pci/devices/0000:00:04.0/revision")).toBe("0x10\n");
    expect(catFile(a, "/sys/bus/pci/slots/4/address")).toBe("0000:00:04\n");
  });
});
