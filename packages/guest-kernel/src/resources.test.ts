import { readFileSync } from "node:fs";
import { join } from "node:path";
import { COST_PROFILES, PcMachine } from "@rng/hw-qemu";
import { describe, expect, it } from "vitest";
import { consoleFile } from "./console.js";
import { Kernel } from "./kernel.js";
import { O_RDONLY } from "./vfs/file.js";

/** The output of `command` in a reference capture (test/fixtures/guest, real Linux 6.1 on QEMU 7.2). */
function captured(file: string, command: string, last = false): string {
  const text = readFileSync(join(import.meta.dirname, "../test/fixtures/guest", file), "utf8");
  const marker = `===== ${command} =====\n`;
  const start = last ? text.lastIndexOf(marker) : text.indexOf(marker);
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

describe("request_mem_region", () => {
  function kernel(args: string[]) {
    const m = PcMachine.fromArgs(args);
    const k = new Kernel(m.cpuView(), COST_PROFILES.tcg);
    k.boot();
    return k;
  }
  it("a driver's claim nests under the BAR it lies in, as e1000's does in the real guest", () => {
    const k = kernel(["-M", "pc", "-m", "512", "-device", "e1000", "-device", "pci-testdev"]);
    expect(k.requestMemRegion(0xfeb80000, 0x20000, "e1000")).toBe(0);
    expect(k.requestMemRegion(0xfeba0000, 0x20000, "e1000")).toBe(0);
    const text = new TextDecoder().decode(new TextEncoder().encode(captured("nic-before.txt", "cat /proc/iomem", true)));
    const drop = (t: string) => t.split("\n").filter((l) => !/Kernel (code|rodata|data|bss)|Adapter ROM/.test(l));
    const p = k.createProcess(undefined, [consoleFile("c", undefined)]);
    const b = p.read(p.open("/proc/iomem", O_RDONLY), 65536);
    if (typeof b === "number") throw new Error("read failed");
    // The capture was taken after e1000.ko loaded: same PCI lines and the driver's nested claims.
    expect(drop(new TextDecoder().decode(b)).filter((l) => /PCI|e1000|0000:/.test(l))).toEqual(drop(text).filter((l) => /PCI|e1000|0000:/.test(l)));
  });
  it("a second claim of the same range, or one straddling two BARs, is EBUSY; release frees it", () => {
    const k = kernel(["-device", "my_rng"]);
    expect(k.requestMemRegion(0xfebf1000, 0x1000, "my_rng")).toBe(0);
    expect(k.requestMemRegion(0xfebf1000, 0x1000, "again")).toBe(-16);
    expect(k.requestMemRegion(0xfebf0800, 0x1000, "straddle")).toBe(-16);
    k.releaseMemRegion(0xfebf1000, 0x1000);
    expect(k.requestMemRegion(0xfebf1000, 0x1000, "again")).toBe(0);
  });
});
