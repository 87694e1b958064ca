import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MemoryRegion } from "../memory/region.js";
import { PCI_BAR_UNMAPPED, PciDevice } from "../pci/device.js";
import { PCI_BASE_ADDRESS_SPACE_IO } from "../pci/regs.js";
import { parseMachineOptions } from "./options.js";
import { PcMachine } from "./pc-machine.js";

const slotOf = (m: PcMachine, type: string, nth = 0) => {
  const d = m.bus.functions().filter((f) => f.typeName === type)[nth];
  return d ? { slot: d.devfn >> 3, fn: d.devfn & 7, bar0: d.bars[0]?.addr, dev: d } : undefined;
};

describe("where my_rng lands: slots in creation order, BARs as SeaBIOS packs them", () => {
  it("the lab's default machine puts it in slot 4 at 0xfebf1000", () => {
    const m = PcMachine.fromArgs(["-M", "pc", "-m", "128", "-device", "my_rng"]);
    expect(slotOf(m, "my_rng")).toMatchObject({ slot: 4, fn: 0, bar0: 0xfebf1000 });
  });
  it("a second NIC added before it moves it to slot 5 at 0xfebd1000", () => {
    const m = PcMachine.fromArgs(["-device", "e1000", "-device", "my_rng"]);
    expect(slotOf(m, "my_rng")).toMatchObject({ slot: 5, bar0: 0xfebd1000 });
  });
  it("-nodefaults leaves slot 2 and the top of the window to it", () => {
    const m = PcMachine.fromArgs(["-nodefaults", "-device", "my_rng"]);
    expect(slotOf(m, "my_rng")).toMatchObject({ slot: 2, bar0: 0xfebff000 });
  });
  it("-vga none: the NIC takes slot 2, my_rng slot 3", () => {
    const m = PcMachine.fromArgs(["-vga", "none", "-device", "my_rng"]);
    expect(slotOf(m, "e1000")?.slot).toBe(2);
    expect(slotOf(m, "my_rng")?.slot).toBe(3);
  });
  it("-device VGA replaces the default VGA, which then comes after the NIC", () => {
    const m = PcMachine.fromArgs(["-device", "VGA", "-device", "my_rng"]);
    expect(m.bus.functions().filter((f) => f.typeName === "VGA")).toHaveLength(1);
    expect(slotOf(m, "e1000")?.slot).toBe(2);
    expect(slotOf(m, "VGA")?.slot).toBe(3);
    expect(slotOf(m, "my_rng")?.slot).toBe(4);
  });
  it("-nic model=rtl8139 replaces the default e1000; -net none and -nic none remove it", () => {
    const m = PcMachine.fromArgs(["-nic", "user,model=rtl8139", "-device", "my_rng"]);
    expect(slotOf(m, "rtl8139")?.slot).toBe(3);
    expect(slotOf(m, "e1000")).toBeUndefined();
    for (const opt of [["-net", "none"], ["-nic", "none"]]) {
      const n = PcMachine.fromArgs([...opt, "-device", "my_rng"]);
      expect(n.bus.functions().some((f) => f.typeName === "e1000")).toBe(false);
      expect(slotOf(n, "my_rng")?.slot).toBe(3);
    }
  });
  it("addr= places it where asked; the rest still take the first free slot", () => {
    const m = PcMachine.fromArgs(["-device", "my_rng,addr=1f.0", "-device", "edu"]);
    expect(slotOf(m, "my_rng")?.slot).toBe(31);
    expect(slotOf(m, "edu")?.slot).toBe(4);
  });
});

describe("SeaBIOS rules beyond the captures", () => {
  it("INTx lines: pin A in slot s routes to {10,10,11,11}[(s-1)&3] (piix_pci_slot_get_irq)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 4, max: 31 }), (slot) => {
        const m = PcMachine.fromArgs(["-device", `edu,addr=${slot.toString(16)}`]);
        const edu = slotOf(m, "edu")?.dev as PciDevice;
        return edu.config.getByte(0x3c) === [10, 10, 11, 11][(slot - 1) & 3];
      }),
      { numRuns: 28 },
    );
  });
  it("more RAM moves the 32-bit window: ≤2 GiB starts at 0x80000000, ≤3 GiB at 0xc0000000", () => {
    expect(PcMachine.fromArgs(["-m", "2G"]).firmwareLog()).toContain("PCI: 32: 0000000080000000 - 00000000fec00000");
    expect(PcMachine.fromArgs(["-m", "2560"]).firmwareLog()).toContain("PCI: 32: 00000000c0000000 - 00000000fec00000");
    expect(PcMachine.fromArgs(["-m", "3200M"]).firmwareLog()).toContain("PCI: 32: 00000000c8000000 - 00000000fec00000");
  });
  it("RAM from 3.5 GiB up splits at 3 GiB, the rest above 4 GiB", () => {
    const m = PcMachine.fromArgs(["-m", "4G"]);
    expect([m.ramBelow4G, m.ramAbove4G]).toEqual([3 * 2 ** 30, 2 ** 30]);
    const cpu = m.cpuView();
    cpu.store32(2 ** 32 + 8, 0x12345678);
    expect(cpu.load32(2 ** 32 + 8)).toBe(0x12345678);
    expect(m.ram.read(3 * 2 ** 30 + 8, 4)).toBe(0x12345678);
  });
  it("when the 32-bit window is too small, 64-bit BARs move above 4 GiB, 1 GiB aligned", () => {
    const m = PcMachine.fromArgs(["-device", "pci-testdev,membar=2G", "-device", "my_rng"]);
    const t = slotOf(m, "pci-testdev")?.dev as PciDevice;
    expect(t.bars[2]?.addr).toBe(2 ** 32);
    expect(m.firmwareLog()).toContain("PCI: 64: 0000000100000000 - 0000000180000000");
    expect(t.bars[0]?.addr).toBe(0xfebf1000);
    expect(slotOf(m, "my_rng")?.bar0).toBe(0xfebf2000);
  });
  it("I/O starts at 0x1000 once the I/O BARs need 16 KiB or more", () => {
    const m = new PcMachine(parseMachineOptions(["-nodefaults"]));
    m.build();
    const bigs = [0, 1, 2, 3].map(() => {
      const big = new PciDevice("bigio", { vendorId: 0x1234, deviceId: 1, revision: 0, classId: 0xff });
      big.registerBar(0, PCI_BASE_ADDRESS_SPACE_IO, MemoryRegion.io("bigio", 0x1000, { read: () => 0, write: () => {} }));
      m.bus.plug(big);
      return big;
    });
    m.boot();
    expect(bigs.map((b) => b.bars[0]?.addr)).toEqual([0x1000, 0x2000, 0x3000, 0x4000]);
    expect(m.firmwareLog()).toContain("PCI: IO: 1000 - 500f");
  });
  it("ROM BARs get an address but stay disabled; info pci shows them unmapped", () => {
    const m = PcMachine.fromArgs(["-device", "my_rng"]);
    const vga = slotOf(m, "VGA")?.dev as PciDevice;
    expect(vga.config.getLong(0x30)).toBe(0xfebe0000);
    expect(vga.bars[6]?.addr).toBe(PCI_BAR_UNMAPPED);
    expect(m.infoPci()).toContain("BAR6: 32 bit memory at 0xffffffffffffffff [0x0000fffe].");
  });
  it("romfile= (empty) removes a NIC's ROM BAR, which moves what follows", () => {
    const m = PcMachine.fromArgs(["-net", "none", "-device", "e1000,romfile=", "-device", "my_rng"]);
    expect(slotOf(m, "e1000")?.dev.bars[6]).toBeUndefined();
  });
  it("any mix of devices: every BAR is aligned, inside its window, and overlaps no other", () => {
    const models = ["e1000", "rtl8139", "edu", "virtio-rng-pci", "pci-testdev", "my_rng", "VGA"];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...models), { maxLength: 12 }), fc.boolean(), (devs, nodefaults) => {
        const args = [...(nodefaults ? ["-nodefaults"] : []), ...devs.flatMap((d) => ["-device", d])];
        const m = PcMachine.fromArgs(args);
        const spans: [number, number, boolean][] = [];
        for (const f of m.bus.functions()) {
          for (const bar of f.bars) {
            if (!bar || bar.index === 6) continue;
            const isIo = (bar.type & 1) === 1;
            if (bar.addr === PCI_BAR_UNMAPPED) return false;
            const align = isIo ? bar.size : Math.max(bar.size, 4096);
            if (bar.addr % align !== 0) return false;
            if (isIo ? bar.addr < 0xc000 || bar.addr + bar.size > 0x10000 : bar.addr < 0x80000000 || bar.addr + bar.size > 0xfec00000) return false;
            spans.push([bar.addr, bar.addr + bar.size, isIo]);
          }
        }
        spans.sort((a, b) => a[0] - b[0]);
        for (let i = 1; i < spans.length; i++) if (spans[i][2] === spans[i - 1][2] && spans[i][0] < spans[i - 1][1]) return false;
        return true;
      }),
      { numRuns: 150 },
    );
  });
});

describe("firmware tables", () => {
  it("the e820 map is SeaBIOS's for -m 128 under KVM, entry for entry (captured log)", async () => {
    const { readFileSync } = await import("node:fs");
    const { join } = await import("node:path");
    const log = readFileSync(join(import.meta.dirname, "../../test/fixtures/qemu/lab.seabios.log"), "utf8");
    const want = [...log.matchAll(/^\s+\d+: ([0-9a-f]{16}) - ([0-9a-f]{16}) = (\d) (RAM|RESERVED)$/gm)].map((m) => ({
      start: Number.parseInt(m[1], 16),
      end: Number.parseInt(m[2], 16),
      type: m[4],
    }));
    expect(want.length).toBe(8);
    const m = PcMachine.fromArgs(["-accel", "kvm", "-device", "pci-testdev"]);
    expect(m.firmwareTables().e820).toEqual(want);
  });
  it("the PCI windows follow RAM: 32-bit from the top of low RAM, 64-bit past RAM above 4 GiB", () => {
    expect(PcMachine.fromArgs(["-m", "512"]).firmwareTables().pciHole32).toEqual([0x20000000, 0xfebfffff]);
    expect(PcMachine.fromArgs(["-m", "512"]).firmwareTables().pciHole64).toEqual([0x100000000, 0x17fffffff]);
    expect(PcMachine.fromArgs(["-m", "4G"]).firmwareTables().pciHole64).toEqual([0x140000000, 0x1bfffffff]);
  });
  it("hotplug slots: all but the host bridge, PIIX3 and VGA slots", () => {
    expect(PcMachine.fromArgs(["-device", "my_rng"]).firmwareTables().hotplugSlots).toEqual(Array.from({ length: 29 }, (_, i) => i + 3));
    expect(PcMachine.fromArgs(["-vga", "none"]).firmwareTables().hotplugSlots[0]).toBe(2);
  });
});
