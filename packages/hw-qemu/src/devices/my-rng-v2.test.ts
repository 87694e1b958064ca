import fc from "fast-check";
import { GlibcRand, PRNGS } from "@rng/prngs";
import { describe, expect, it } from "vitest";
import { PcMachine } from "../machine/pc-machine.js";
import { DMA_MAX, IRQ_DMA_DONE, MY_RNG_ID, MyRngV2Device, REG, STATUS_BUSY, STATUS_ERROR } from "./my-rng-v2.js";

function v2(extra = "") {
  const m = PcMachine.fromArgs(["-device", `my_rng,version=2${extra}`]);
  const cpu = m.cpuView();
  const dev = m.bus.functions().find((d): d is MyRngV2Device => d instanceof MyRngV2Device) as MyRngV2Device;
  const base = dev.bars[0]?.addr as number;
  const vectors: number[] = [];
  cpu.onInterrupt((v) => vectors.push(v));
  // Bus mastering on (a driver's pci_set_master), for DMA and MSI.
  cpu.outl(0xcf8, (0x80000000 | (dev.devfn << 8) | 4) >>> 0);
  cpu.outw(0xcfc, 0x0107);
  return { m, cpu, dev, base, vectors };
}

describe("my_rng version 2 registers", () => {
  it("ID reads 0x524e4702; version 1 reads 0 there (its register set is unchanged)", () => {
    expect(v2().cpu.load32(v2().base + REG.ID)).toBe((MY_RNG_ID | 2) >>> 0);
    const m1 = PcMachine.fromArgs(["-device", "my_rng"]);
    expect(m1.cpuView().load32(0xfebf1000 + REG.ID)).toBe(0);
  });
  it("has interrupt pin A and an MSI capability at 0x40", () => {
    const { dev } = v2();
    expect(dev.config.getByte(0x3d)).toBe(1);
    expect(dev.config.getByte(0x34)).toBe(0x40);
    expect(dev.config.getByte(0x40)).toBe(0x05);
  });
  it("every path yields the same stream: RNG words, RNG64_LO/HI pairs, 8-byte RNG64 reads (low word first)", () => {
    const ref = new GlibcRand(1n);
    const { cpu, base } = v2();
    expect(cpu.load32(base + REG.RNG)).toBe(ref.nextWord());
    const lo = cpu.load32(base + REG.RNG64);
    const hi = cpu.load32(base + REG.RNG64_HI);
    expect([lo, hi]).toEqual([ref.nextWord(), ref.nextWord()]);
    const q = cpu.load64(base + REG.RNG64);
    const a = ref.nextWord();
    const b = ref.nextWord();
    expect(q).toBe((BigInt(b) << 32n) | BigInt(a));
  });
  it("PRNG selects a generator by its --list index; an unknown index sets the error bit", () => {
    const { cpu, base } = v2();
    const idx = PRNGS.findIndex((p) => p.info.name === "glibc-rand_r");
    cpu.store32(base + REG.PRNG, idx);
    expect(cpu.load32(base + REG.PRNG)).toBe(idx);
    cpu.store32(base + REG.SEED, 7);
    expect(cpu.load32(base + REG.RNG)).toBe(PRNGS[idx].create(7n).nextWord());
    cpu.store32(base + REG.PRNG, 999);
    expect(cpu.load32(base + REG.STATUS) & STATUS_ERROR).toBe(STATUS_ERROR);
    expect(cpu.load32(base + REG.PRNG)).toBe(idx);
  });
  it("SEED64 reseeds with a 64-bit value (8-byte write)", () => {
    const { cpu, base } = v2();
    cpu.store64(base + REG.SEED64, 42n);
    expect(cpu.load32(base + REG.RNG)).toBe(new GlibcRand(42n).nextWord());
  });
});

describe("my_rng version 2 DMA", () => {
  it("writes the next LEN bytes of the stream into RAM at completion, then raises INTx (vector 0x30 + IRQ)", () => {
    const { m, cpu, base, vectors, dev } = v2();
    cpu.store64(base + REG.DMA_ADDR, 0x100000n);
    cpu.store32(base + REG.DMA_LEN, 64);
    cpu.store32(base + REG.DMA_CMD, 3);
    expect(cpu.load32(base + REG.STATUS)).toBe(STATUS_BUSY);
    expect(m.ram.read(0x100000, 4)).toBe(0); // not yet: the transfer takes virtual time
    const t0 = m.clock.nowNs;
    expect(cpu.waitForEvent()).toBe(true);
    expect(m.clock.nowNs).toBeGreaterThan(t0);
    const ref = new GlibcRand(1n);
    for (let i = 0; i < 16; i++) expect(m.ram.read(0x100000 + 4 * i, 4)).toBe(ref.nextWord());
    expect(cpu.load32(base + REG.IRQ_STATUS)).toBe(IRQ_DMA_DONE);
    expect(vectors).toEqual([0x30 + dev.config.getByte(0x3c)]);
    cpu.store32(base + REG.IRQ_ACK, IRQ_DMA_DONE);
    expect(cpu.load32(base + REG.IRQ_STATUS)).toBe(0);
  });
  it("with MSI enabled the completion is a message with the programmed vector", () => {
    const { cpu, base, vectors, dev } = v2();
    const cfg = (off: number, v: number, len: 2 | 4) => {
      cpu.outl(0xcf8, (0x80000000 | (dev.devfn << 8) | (off & 0xfc)) >>> 0);
      if (len === 4) cpu.outl(0xcfc, v);
      else cpu.outw(0xcfc + (off & 2), v);
    };
    cfg(0x44, 0xfee00000, 4);
    cfg(0x4c, 0x41, 2);
    cfg(0x42, 0x0081, 2); // MSI enable
    cpu.store64(base + REG.DMA_ADDR, 0x200000n);
    cpu.store32(base + REG.DMA_LEN, 4);
    cpu.store32(base + REG.DMA_CMD, 3);
    cpu.waitForEvent();
    expect(vectors).toEqual([0x41]);
  });
  it("bad programming sets the error bit and writes nothing (len 0, not ×4, > DMA_MAX, outside RAM, above dma_mask, bus mastering off)", () => {
    const cases: [string, number, number][] = [
      ["len 0", 0x100000, 0],
      ["len 6", 0x100000, 6],
      ["len > DMA_MAX", 0x100000, DMA_MAX + 4],
      ["outside RAM", 128 * 2 ** 20 - 4, 8],
      ["above dma_mask", 2 ** 40, 4],
    ];
    for (const [why, addr, len] of cases) {
      const { m, cpu, base } = v2();
      cpu.store64(base + REG.DMA_ADDR, BigInt(addr));
      cpu.store32(base + REG.DMA_LEN, len);
      cpu.store32(base + REG.DMA_CMD, 1);
      while (cpu.waitForEvent());
      expect(cpu.load32(base + REG.STATUS) & STATUS_ERROR, why).toBe(STATUS_ERROR);
      expect(m.ram.allocatedBytes, why).toBe(0);
    }
  });
  it("registers are read-only while busy: a second start is ignored and sets the error bit", () => {
    const { m, cpu, base } = v2();
    cpu.store64(base + REG.DMA_ADDR, 0x100000n);
    cpu.store32(base + REG.DMA_LEN, 8);
    cpu.store32(base + REG.DMA_CMD, 1);
    cpu.store32(base + REG.DMA_LEN, 4096);
    cpu.store32(base + REG.DMA_CMD, 1);
    expect(m.events.pending).toBe(1);
    expect(cpu.load32(base + REG.DMA_LEN)).toBe(8);
    expect(cpu.load32(base + REG.STATUS)).toBe(STATUS_BUSY | STATUS_ERROR);
    cpu.waitForEvent();
    expect(m.ram.read(0x100000 + 8, 4)).toBe(0); // exactly 8 bytes written, nothing past them
  });
  it("any programming: either an error and nothing written, or exactly [addr, addr+len) written with the stream", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 130 * 2 ** 20 }), fc.integer({ min: 0, max: DMA_MAX + 8 }), (addr, len) => {
        const { m, cpu, base } = v2();
        cpu.store64(base + REG.DMA_ADDR, BigInt(addr));
        cpu.store32(base + REG.DMA_LEN, len);
        cpu.store32(base + REG.DMA_CMD, 1);
        while (cpu.waitForEvent());
        const err = (cpu.load32(base + REG.STATUS) & STATUS_ERROR) !== 0;
        const valid = len >= 4 && len <= DMA_MAX && len % 4 === 0 && addr + len <= 128 * 2 ** 20;
        if (err !== !valid) return false;
        if (err) return m.ram.allocatedBytes === 0;
        const ref = new GlibcRand(1n);
        const bytes = new Uint8Array(len);
        m.ram.readBytes(addr, bytes);
        const dv = new DataView(bytes.buffer);
        for (let i = 0; i < len; i += 4) if (dv.getUint32(i, true) !== ref.nextWord()) return false;
        // nothing before or after the range
        return (addr === 0 || m.ram.read(addr - 1, 1) === 0) && (addr + len >= 128 * 2 ** 20 || m.ram.read(addr + len, 1) === 0);
      }),
      { numRuns: 60 },
    );
  });
});
