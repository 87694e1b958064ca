import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MemoryRegion } from "../memory/region.js";
import { PciBus } from "./bus.js";
import { PCI_BAR_UNMAPPED, PciDevice } from "./device.js";
import { PciConfigSpace } from "./config-space.js";
import {
  PCI_BASE_ADDRESS_MEM_PREFETCH,
  PCI_BASE_ADDRESS_MEM_TYPE_64,
  PCI_BASE_ADDRESS_SPACE_IO,
  PCI_BASE_ADDRESS_SPACE_MEMORY,
  PCI_COMMAND,
  PCI_ROM_SLOT,
  PCI_STATUS,
  barOffset,
} from "./regs.js";

const nullOps = { read: () => 0, write: () => {} };
const sizeArb = (minLog: number, maxLog: number) => fc.integer({ min: minLog, max: maxLog }).map((l) => 2 ** l);

describe("config space masks (QEMU pci_default_write_config)", () => {
  it("a write changes exactly the writable bits and clears RW1C bits written as 1", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 256, maxLength: 256 }),
        fc.uint8Array({ minLength: 256, maxLength: 256 }),
        fc.uint8Array({ minLength: 256, maxLength: 256 }),
        fc.integer({ min: 0, max: 252 }),
        fc.constantFrom(1, 2, 4),
        fc.integer({ min: 0, max: 0xffffffff }),
        (init, wmask, w1c, off, len, value) => {
          const c = new PciConfigSpace();
          c.bytes.set(init);
          c.wmask.set(wmask);
          c.w1cmask.set(w1c);
          const before = c.bytes.slice();
          c.write(off, value, len);
          for (let a = 0; a < 256; a++) {
            const inRange = a >= off && a < off + len;
            const byte = inRange ? (value >>> (8 * (a - off))) & 0xff : 0;
            const want = inRange ? ((before[a] & ~wmask[a]) | (byte & wmask[a])) & ~(byte & w1c[a]) & 0xff : before[a];
            if (c.bytes[a] !== want) return false;
          }
          return true;
        },
      ),
    );
  });
  it("reads are little-endian at any offset and width", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 256, maxLength: 256 }), fc.integer({ min: 0, max: 252 }), (bytes, off) => {
        const c = new PciConfigSpace();
        c.bytes.set(bytes);
        return (
          c.read(off, 1) === bytes[off] &&
          c.read(off, 2) === bytes[off] + 256 * bytes[off + 1] &&
          c.read(off, 4) === bytes[off] + 256 * bytes[off + 1] + 65536 * bytes[off + 2] + 16777216 * bytes[off + 3]
        );
      }),
    );
  });
  it("vendor, device, class and header are read-only; command has QEMU's writable bits only", () => {
    const d = new PciDevice("t", { vendorId: 0x1234, deviceId: 0xcafe, revision: 0x10, classId: 0x00ff });
    d.configWrite(0, 0xffffffff, 4);
    d.configWrite(8, 0xffffffff, 4);
    expect(d.config.getLong(0)).toBe(0xcafe1234);
    expect(d.config.getLong(8)).toBe(0x00ff0010);
    d.configWrite(PCI_COMMAND, 0xffff, 2);
    expect(d.config.getWord(PCI_COMMAND)).toBe(0x0507); // IO MEM MASTER SERR INTX_DISABLE
    d.config.setWord(PCI_STATUS, 0xf900);
    d.configWrite(PCI_STATUS, 0x0010, 2); // CAP_LIST is read-only: writing 1 changes nothing
    expect(d.config.getWord(PCI_STATUS)).toBe(0xf900);
    d.configWrite(PCI_STATUS, 0x8100, 2); // error bits are RW1C: the bits written as 1 clear
    expect(d.config.getWord(PCI_STATUS)).toBe(0x7800);
  });
});

describe("BAR sizing: write all ones, read back ~(size-1) | type bits", () => {
  it("32-bit memory BARs of every size from 16 B to 2 GiB", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5 }), sizeArb(4, 31), fc.boolean(), (index, size, prefetch) => {
        const d = new PciDevice("t", { vendorId: 1, deviceId: 2, revision: 0, classId: 0xff });
        const type = PCI_BASE_ADDRESS_SPACE_MEMORY | (prefetch ? PCI_BASE_ADDRESS_MEM_PREFETCH : 0);
        d.registerBar(index, type, MemoryRegion.io("r", size, nullOps));
        d.configWrite(barOffset(index), 0xffffffff, 4);
        const back = d.config.getLong(barOffset(index));
        return back === ((~(size - 1) >>> 0) | type) >>> 0 && ((~(back & 0xfffffff0) >>> 0) + 1) % 2 ** 32 === size;
      }),
    );
  });
  it("64-bit memory BARs: the upper dword sizes too, up to 2^40", () => {
    fc.assert(
      fc.property(fc.constantFrom(0, 2, 4), sizeArb(4, 40), (index, size) => {
        const d = new PciDevice("t", { vendorId: 1, deviceId: 2, revision: 0, classId: 0xff });
        const type = PCI_BASE_ADDRESS_MEM_TYPE_64 | PCI_BASE_ADDRESS_MEM_PREFETCH;
        d.registerBar(index, type, MemoryRegion.io("r", size, nullOps));
        d.configWrite(barOffset(index), 0xffffffff, 4);
        d.configWrite(barOffset(index) + 4, 0xffffffff, 4);
        const lo = BigInt(d.config.getLong(barOffset(index)) & 0xfffffff0);
        const hi = BigInt(d.config.getLong(barOffset(index) + 4));
        return BigInt.asUintN(64, ~((hi << 32n) | lo) + 1n) === BigInt(size);
      }),
    );
  });
  it("I/O BARs (QEMU leaves the upper bits writable: sizing reads 0xffffffxx | 1)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5 }), sizeArb(2, 8), (index, size) => {
        const d = new PciDevice("t", { vendorId: 1, deviceId: 2, revision: 0, classId: 0xff });
        d.registerBar(index, PCI_BASE_ADDRESS_SPACE_IO, MemoryRegion.io("r", size, nullOps));
        d.configWrite(barOffset(index), 0xffffffff, 4);
        const back = d.config.getLong(barOffset(index));
        return (back & 1) === 1 && ((~(back & 0xfffffffc) >>> 0) + 1) % 2 ** 32 === size;
      }),
    );
  });
  it("ROM BARs: the enable bit is writable, the size reads back from the address mask", () => {
    fc.assert(
      fc.property(sizeArb(11, 24), (size) => {
        const d = new PciDevice("t", { vendorId: 1, deviceId: 2, revision: 0, classId: 0xff });
        d.registerBar(PCI_ROM_SLOT, 0, MemoryRegion.io("rom", size, nullOps));
        d.configWrite(0x30, 0xfffff800, 4);
        const back = d.config.getLong(0x30);
        d.configWrite(0x30, 1, 4);
        return ((~back >>> 0) + 1) % 2 ** 32 === size && (d.config.getLong(0x30) & 1) === 1;
      }),
    );
  });
});

describe("command register decides whether BARs decode (pci_update_mappings, pci_bar_address)", () => {
  function setup() {
    const mem = MemoryRegion.container("pci", 2 ** 40);
    const io = MemoryRegion.container("io", 0x10000);
    const bus = new PciBus("pci.0", mem, io, { dmaRead: () => false, dmaWrite: () => false });
    const d = new PciDevice("t", { vendorId: 1, deviceId: 2, revision: 0, classId: 0xff });
    d.registerBar(0, PCI_BASE_ADDRESS_SPACE_MEMORY, MemoryRegion.io("mmio", 0x1000, nullOps));
    d.registerBar(1, PCI_BASE_ADDRESS_SPACE_IO, MemoryRegion.io("pio", 0x100, nullOps));
    d.registerBar(PCI_ROM_SLOT, 0, MemoryRegion.io("rom", 0x10000, nullOps));
    bus.plug(d, 0x20);
    return { bus, d, mem, io };
  }
  it("memory BARs map iff MEMORY is set, I/O BARs iff IO is set, the ROM also needs its enable bit", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffff }), fc.boolean(), (cmd, romEnable) => {
        const { bus, d } = setup();
        bus.configWrite(0x20, 0x10, 0xfebf1000, 4);
        bus.configWrite(0x20, 0x14, 0xc001, 4);
        bus.configWrite(0x20, 0x30, 0xfeb00000 | (romEnable ? 1 : 0), 4);
        bus.configWrite(0x20, PCI_COMMAND, cmd, 2);
        const mem = (cmd & 2) !== 0;
        const io = (cmd & 1) !== 0;
        return (
          d.bars[0]?.addr === (mem ? 0xfebf1000 : PCI_BAR_UNMAPPED) &&
          d.bars[1]?.addr === (io ? 0xc000 : PCI_BAR_UNMAPPED) &&
          d.bars[PCI_ROM_SLOT]?.addr === (mem && romEnable ? 0xfeb00000 : PCI_BAR_UNMAPPED)
        );
      }),
    );
  });
  it("address 0 and a 32-bit BAR reaching 4 GiB stay unmapped; moving a BAR remaps it", () => {
    const { bus, d, mem } = setup();
    bus.configWrite(0x20, PCI_COMMAND, 3, 2);
    expect(d.bars[0]?.addr).toBe(PCI_BAR_UNMAPPED); // BAR still 0
    bus.configWrite(0x20, 0x10, 0xfffff000, 4);
    expect(d.bars[0]?.addr).toBe(PCI_BAR_UNMAPPED); // last byte would be 0xffffffff
    bus.configWrite(0x20, 0x10, 0xe0000000, 4);
    expect(d.bars[0]?.addr).toBe(0xe0000000);
    expect(mem.subregions.map((r) => r.addr)).toEqual([0xe0000000]);
    bus.configWrite(0x20, 0x10, 0xe0001000, 4);
    expect(mem.subregions.map((r) => r.addr)).toEqual([0xe0001000]);
  });
});

describe("capability lists (pci_add_capability)", () => {
  it("each new capability goes at the head of the list in the first free space, and sets status CAP_LIST", () => {
    const d = new PciDevice("t", { vendorId: 1, deviceId: 2, revision: 0, classId: 0xff });
    expect(d.addCapability(0x09, 0, 16)).toBe(0x40);
    expect(d.addCapability(0x09, 0, 20)).toBe(0x50);
    expect(d.addCapability(0x11, 0, 12)).toBe(0x64);
    expect(d.config.getByte(0x34)).toBe(0x64);
    expect([d.config.getByte(0x65), d.config.getByte(0x51), d.config.getByte(0x41)]).toEqual([0x50, 0x40, 0x00]);
    expect(d.config.getWord(PCI_STATUS) & 0x10).toBe(0x10);
    d.configWrite(0x40, 0xffffffff, 4);
    expect(d.config.getByte(0x40)).toBe(0x09); // capability headers are read-only
  });
});
