import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { GlibcRand } from "@rng/prngs";
import { PcMachine } from "../machine/pc-machine.js";
import { PCI_BAR_UNMAPPED } from "../pci/device.js";
import { MyRngDevice } from "./my-rng.js";

function machine(...args: string[]) {
  const m = PcMachine.fromArgs(args.length ? args : ["-device", "my_rng"]);
  const cpu = m.cpuView();
  const rngs = m.bus.functions().filter((d): d is MyRngDevice => d instanceof MyRngDevice);
  return { m, cpu, rngs, base: (i = 0) => rngs[i].bars[0]?.addr as number };
}

describe("my_rng version 1: the lab's device", () => {
  it("has the lab's identity: 1234:cafe rev 0x10, class 0x00ff, subsystem 1af4:1100, no pin, no capabilities", () => {
    const { rngs } = machine();
    const c = rngs[0].config;
    expect(c.getLong(0)).toBe(0xcafe1234);
    expect(c.getLong(8)).toBe(0x00ff0010);
    expect(c.getLong(0x2c)).toBe(0x11001af4);
    expect(c.getByte(0x3d)).toBe(0);
    expect(c.getByte(0x34)).toBe(0);
    expect(c.getWord(6) & 0x10).toBe(0);
  });

  it("RNG (0x0) returns glibc's rand() stream: unseeded state is srand(1)", () => {
    const { cpu, base } = machine();
    const got = Array.from({ length: 5 }, () => cpu.load32(base()));
    expect(got).toEqual([1804289383, 846930886, 1681692777, 1714636915, 1957747793]);
  });

  it("SEED (0x4) calls srand(value): seeding 0x42 gives the lab's self-test numbers", () => {
    const { cpu, base } = machine();
    cpu.store32(base() + 4, 0x42);
    expect(Array.from({ length: 5 }, () => cpu.load32(base()))).toEqual([286129175, 1594929109, 971802288, 222134722, 1335014133]);
  });

  it("any 32-bit seed written to SEED restarts glibc's stream for that seed", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), (seed) => {
        const { cpu, base } = machine();
        cpu.store32(base() + 4, seed);
        const ref = new GlibcRand(BigInt(seed));
        for (let i = 0; i < 8; i++) if (cpu.load32(base()) !== ref.nextWord()) return false;
        return true;
      }),
      { numRuns: 50 },
    );
  });

  it("bit 31 of RNG is always 0 (RAND_MAX = 2^31 - 1)", () => {
    const { cpu, base } = machine();
    for (let i = 0; i < 1000; i++) expect(cpu.load32(base()) >>> 31).toBe(0);
  });

  it("other offsets and sizes read 0, ignore writes and log guest errors", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4095 }), fc.constantFrom(1, 2, 4) as fc.Arbitrary<1 | 2 | 4>, (off, size) => {
        if (off % size !== 0) return true; // unaligned: rejected by the memory core, also 0
        if (off === 0 && size === 4) return true;
        const { m, cpu, base } = machine();
        const before = m.guestErrors.length;
        const v = cpu.load32 && (size === 4 ? cpu.load32(base() + off) : size === 2 ? cpu.load16(base() + off) : cpu.load8(base() + off));
        if (v !== 0 || m.guestErrors.length !== before + 1) return false;
        // A write anywhere but a 4-byte SEED leaves the stream where it was.
        if (!(off === 4 && size === 4)) {
          (size === 4 ? cpu.store32 : size === 2 ? cpu.store16 : cpu.store8)(base() + off, 0x42);
          return cpu.load32(base()) === 1804289383;
        }
        return true;
      }),
      { numRuns: 300 },
    );
  });

  it("an 8-byte read is split by the memory core into RNG then offset 4 (reads 0)", () => {
    const { cpu, base } = machine();
    expect(cpu.load64(base())).toBe(1804289383n);
    expect(cpu.load32(base())).toBe(846930886);
  });

  it("all instances share one generator, as the C device's global rand() does", () => {
    const { cpu, base, rngs } = machine("-device", "my_rng", "-device", "my_rng");
    expect(rngs.length).toBe(2);
    expect([cpu.load32(base(0)), cpu.load32(base(1)), cpu.load32(base(0))]).toEqual([1804289383, 846930886, 1681692777]);
    cpu.store32(base(1) + 4, 0x42);
    expect(cpu.load32(base(0))).toBe(286129175);
  });

  it("seed= gives an instance its own generator", () => {
    const { cpu, base } = machine("-device", "my_rng,seed=66", "-device", "my_rng");
    expect(cpu.load32(base(0))).toBe(286129175);
    expect(cpu.load32(base(1))).toBe(1804289383);
    expect(cpu.load32(base(0))).toBe(1594929109);
  });

  it("prng=glibc-rand_r plugs in rand_r", () => {
    const { cpu, base } = machine("-device", "my_rng,prng=glibc-rand_r,seed=0");
    expect(cpu.load32(base())).toBe(1012484);
  });

  it("when memory decoding is off the register is gone: reads 0 (unassigned)", () => {
    const { m, cpu, base, rngs } = machine();
    const addr = base();
    const devfn = rngs[0].devfn;
    cpu.outl(0xcf8, (0x80000000 | (devfn << 8) | 4) >>> 0);
    cpu.outw(0xcfc, 0);
    expect(rngs[0].bars[0]?.addr).toBe(PCI_BAR_UNMAPPED);
    expect(cpu.load32(addr)).toBe(0);
    expect(m.guestErrors).toEqual([]);
  });
});

describe("my_rng with the whole generator family (prng=, seed=)", () => {
  it("a 64-bit generator streams through RNG as its outputs' low then high halves", async () => {
    const { findPrng } = await import("@rng/prngs");
    const { cpu, base } = machine("-device", "my_rng,prng=xoshiro256ss,seed=5");
    const ref = findPrng("xoshiro256ss")?.create(5n);
    const out = ref?.nextOutput() ?? 0n;
    expect(cpu.load32(base())).toBe(Number(out & 0xffffffffn));
    expect(cpu.load32(base())).toBe(Number(out >> 32n));
  });
  it("a SEED the generator cannot take is replaced by 1 and logged (xorshift32's 0)", async () => {
    const { findPrng } = await import("@rng/prngs");
    const { m, cpu, base } = machine("-device", "my_rng,prng=xorshift32");
    cpu.store32(base() + 4, 0);
    expect(cpu.load32(base())).toBe(findPrng("xorshift32")?.create(1n).nextWord());
    expect(m.guestErrors.some((e) => /seeding with 1/.test(e))).toBe(true);
  });
  it("an unknown prng= or an invalid seed= is a QEMU-style error listing what is valid", () => {
    expect(() => PcMachine.fromArgs(["-device", "my_rng,prng=nosuch"])).toThrow(/unknown prng 'nosuch' \(one of: glibc-rand, glibc-rand_r, iso-c-lcg/);
    expect(() => PcMachine.fromArgs(["-device", "my_rng,prng=minstd16807,seed=0"])).toThrow(/minstd16807/);
  });
});
