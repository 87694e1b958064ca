import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AddressSpace } from "./address-space.js";
import { GuestRam } from "./guest-ram.js";
import { MemoryRegion, type MemoryRegionOps } from "./region.js";

interface Call {
  op: "r" | "w";
  off: number;
  size: number;
  value?: number;
}

/** A device whose register value at (offset, size) is a fixed function, recording every callback. */
function recorder(valid: MemoryRegionOps["valid"], impl: MemoryRegionOps["impl"]) {
  const calls: Call[] = [];
  const f = (off: number, size: number) => (Math.imul(off + 1, 0x9e3779b1) ^ (size * 0x01010101)) >>> 0;
  const ops: MemoryRegionOps = {
    read: (off, size) => {
      calls.push({ op: "r", off, size });
      return f(off, size);
    },
    write: (off, value, size) => calls.push({ op: "w", off, size, value }),
    valid,
    impl,
  };
  return { ops, calls, f };
}

/** QEMU 7.2 memory_region_access_valid + access_with_adjusted_size, written from the rules, for comparison. */
function model(valid: MemoryRegionOps["valid"], impl: MemoryRegionOps["impl"], off: number, size: number, f: (o: number, s: number) => number) {
  const unaligned = valid?.unaligned ?? false;
  const vmax = valid?.max ?? 0;
  const vmin = valid?.min || 1;
  const ok = (unaligned || off % size === 0) && (vmax === 0 || (size >= vmin && size <= vmax));
  if (!ok) return { value: 0, calls: [] as Call[] };
  const imin = impl?.min || 1;
  const imax = impl?.max || 4;
  const access = Math.max(Math.min(size, imax), imin);
  let v = 0n;
  const calls: Call[] = [];
  for (let i = 0; i < size; i += access) {
    calls.push({ op: "r", off: off + i, size: access });
    v |= (BigInt(f(off + i, access)) & ((1n << BigInt(access * 8)) - 1n)) << BigInt(i * 8);
  }
  return { value: Number(v & ((1n << BigInt(size * 8)) - 1n)), calls };
}

const sizes = fc.constantFrom(1, 2, 4) as fc.Arbitrary<1 | 2 | 4>;
const validArb = fc.option(
  fc.record({ min: fc.constantFrom(0, 1, 2, 4), max: fc.constantFrom(0, 1, 2, 4, 8), unaligned: fc.boolean() }),
  { nil: undefined },
);
const implArb = fc.option(fc.record({ min: fc.constantFrom(0, 1, 2, 4), max: fc.constantFrom(0, 1, 2, 4) }), { nil: undefined });

describe("MMIO dispatch follows QEMU's memory API rules", () => {
  it("every offset × size × value: valid sizes reach the callbacks, split or widened per impl; others read 0 / drop", () => {
    fc.assert(
      fc.property(validArb, implArb, fc.integer({ min: 0, max: 60 }), sizes, fc.integer({ min: 0, max: 0xffffffff }), (valid, impl, off, size, value) => {
        if (impl && impl.max !== 0 && impl.min > impl.max) return true; // not a legal ops declaration
        const { ops, calls, f } = recorder(valid, impl);
        const root = MemoryRegion.container("root", 0x10000);
        root.addSubregion(0x1000, MemoryRegion.io("dev", 64, ops));
        const as = new AddressSpace("memory", root, { unassignedAllOnes: false });
        const want = model(valid, impl, off, size, f);
        expect(as.read(0x1000 + off, size)).toBe(want.value);
        expect(calls).toEqual(want.calls);
        calls.length = 0;
        as.write(0x1000 + off, value, size);
        const wantWrites = want.calls.map((c, i) => ({
          op: "w",
          off: c.off,
          size: c.size,
          // the CPU stores only `size` bytes; a widened callback sees them zero-extended
          value: Number(((BigInt(value) & ((1n << BigInt(size * 8)) - 1n)) >> BigInt(8 * (c.off - off))) & ((1n << BigInt(c.size * 8)) - 1n)),
          i,
        }));
        expect(calls).toEqual(wantWrites.map(({ i: _i, ...w }) => w));
        return true;
      }),
      { numRuns: 3000 },
    );
  });

  it("8-byte accesses split into two 4-byte callbacks when impl.max is 4 (low half first)", () => {
    const { ops, calls } = recorder(undefined, undefined);
    const root = MemoryRegion.container("root", 0x10000);
    root.addSubregion(0, MemoryRegion.io("dev", 64, ops));
    const as = new AddressSpace("memory", root, { unassignedAllOnes: false });
    as.read64(8);
    expect(calls).toEqual([
      { op: "r", off: 8, size: 4 },
      { op: "r", off: 12, size: 4 },
    ]);
  });

  it("8-byte accesses go to read64 in one call when the region implements 8", () => {
    let n = 0;
    const ops: MemoryRegionOps = {
      read: () => 0,
      write: () => {},
      read64: (off) => {
        n++;
        return 0x1122334455667788n + BigInt(off);
      },
      valid: { min: 4, max: 8 },
      impl: { min: 4, max: 8 },
    };
    const root = MemoryRegion.container("root", 0x10000);
    root.addSubregion(0, MemoryRegion.io("dev", 64, ops));
    const as = new AddressSpace("memory", root, { unassignedAllOnes: false });
    expect(as.read64(16)).toBe(0x1122334455667798n);
    expect(n).toBe(1);
  });
});

describe("unassigned addresses (x86, QEMU 7.2)", () => {
  it("memory reads 0 where nothing is mapped (unassigned_mem_read)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 40 }), sizes, (addr, size) => {
        const as = new AddressSpace("memory", MemoryRegion.container("root", 2 ** 41), { unassignedAllOnes: false });
        return as.read(addr, size) === 0;
      }),
    );
  });
  it("I/O ports read all ones where nothing is mapped (unassigned_io_ops)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xfffc }), sizes, (port, size) => {
        const as = new AddressSpace("io", MemoryRegion.container("io", 0x10000), { unassignedAllOnes: true });
        return as.read(port, size) === 2 ** (8 * size) - 1;
      }),
    );
  });
  it("an access straddling a device and a hole is split by bytes", () => {
    const root = MemoryRegion.container("root", 0x10000);
    root.addSubregion(0x100, MemoryRegion.io("dev", 2, { read: () => 0xab, write: () => {} }));
    const as = new AddressSpace("io", root, { unassignedAllOnes: true });
    expect(as.read(0x100, 4)).toBe(0xffffabab);
  });
});

describe("flat view rendering", () => {
  it("a higher priority region hides a lower one where they overlap, and only there", () => {
    const root = MemoryRegion.container("root", 0x10000);
    const low = MemoryRegion.io("low", 0x1000, { read: () => 1, write: () => {} });
    const high = MemoryRegion.io("high", 0x100, { read: () => 2, write: () => {} });
    root.addSubregion(0x1000, low, 0);
    root.addSubregion(0x1800, high, 1);
    const as = new AddressSpace("memory", root, { unassignedAllOnes: false });
    expect(as.read(0x1000, 4)).toBe(1);
    expect(as.read(0x1800, 4)).toBe(2);
    expect(as.read(0x1900, 4)).toBe(1);
    root.removeSubregion(high);
    expect(as.read(0x1800, 4)).toBe(1);
  });
  it("RAM under a container at priority -1 wins, the container shows elsewhere (pc's PCI hole)", () => {
    const ram = new GuestRam(0x2000);
    ram.write(0x10, 0xdeadbeef, 4);
    const root = MemoryRegion.container("system", 0x100000);
    root.addSubregion(0, MemoryRegion.ram("ram", 0x2000, 0));
    const pci = MemoryRegion.container("pci", 0x100000);
    root.addSubregion(0, pci, -1);
    pci.addSubregion(0x1000, MemoryRegion.io("bar-over-ram", 0x1000, { read: () => 7, write: () => {} }), 1);
    pci.addSubregion(0x8000, MemoryRegion.io("bar", 0x1000, { read: () => 9, write: () => {} }), 1);
    const as = new AddressSpace("memory", root, { unassignedAllOnes: false, ram });
    expect(as.read(0x10, 4)).toBe(0xdeadbeef);
    expect(as.read(0x1000, 4)).toBe(0);
    expect(as.read(0x8000, 4)).toBe(9);
  });
  it("moving a region re-renders (memory_region_set_address)", () => {
    const root = MemoryRegion.container("root", 0x10000);
    const r = MemoryRegion.io("r", 0x10, { read: () => 5, write: () => {} });
    root.addSubregion(0x100, r);
    const as = new AddressSpace("memory", root, { unassignedAllOnes: false });
    expect(as.read(0x100, 4)).toBe(5);
    r.setAddress(0x200);
    expect(as.read(0x100, 4)).toBe(0);
    expect(as.read(0x200, 4)).toBe(5);
  });
});

describe("guest RAM", () => {
  it("allocates pages only when written, and reads back what was written", () => {
    const ram = new GuestRam(2 ** 30);
    expect(ram.read(12345678, 4)).toBe(0);
    expect(ram.allocatedBytes).toBe(0);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 30 - 4 }), fc.integer({ min: 0, max: 0xffffffff }), (off, v) => {
        ram.write(off, v, 4);
        return ram.read(off, 4) === v && ram.read(off, 1) === (v & 0xff);
      }),
      { numRuns: 200 },
    );
    expect(ram.allocatedBytes).toBeLessThanOrEqual(400 * 4096);
  });
  it("bulk copies cross page boundaries", () => {
    const ram = new GuestRam(3 * 4096);
    const src = Uint8Array.from({ length: 6000 }, (_, i) => i & 0xff);
    ram.writeBytes(4000, src);
    const dst = new Uint8Array(6000);
    ram.readBytes(4000, dst);
    expect(dst).toEqual(src);
    expect(() => ram.readBytes(3 * 4096 - 2, new Uint8Array(4))).toThrow(RangeError);
  });
});
