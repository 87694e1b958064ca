import { PRNGS, type Prng, type PrngFactory } from "@rng/prngs";
import { Cat, type VirtualClock } from "../clock.js";
import { generatorWordNs, type CostNumbers } from "../cost-profile.js";
import type { EventQueue } from "../events.js";
import { MemoryRegion, type MemoryRegionOps } from "../memory/region.js";
import { PciDevice, type PciBusView } from "../pci/device.js";
import { PCI_BASE_ADDRESS_SPACE_MEMORY, PCI_CAP_ID_MSI } from "../pci/regs.js";
import { MY_RNG_BAR_SIZE, type PrngStateProvider } from "./my-rng.js";

/*
 * my_rng version 2 — register spec (our extension of the lab's device; version 1 is unchanged).
 * BAR0, 4 KiB, little-endian. Every path (RNG, RNG64, DMA) delivers one stream: 32-bit words, a 64-bit
 * generator's outputs low half first; 64-bit reads and DMA deliver consecutive words as little-endian
 * bytes. (The students' 64-bit register put the first rand() in the high half; ours puts it in the low
 * half so that every path yields the same bytes: a deliberate departure.)
 *
 *  off  name        access  meaning
 *  0x00 RNG         R 4     next 32-bit word of the stream
 *  0x04 SEED        W 4     reseed (zero-extended for 64-bit seeds; a seed the generator cannot take is 1)
 *  0x08 RNG64_LO    R 4     draws the next two words, returns the first (low), latches the second (high)
 *  0x0C RNG64_HI    R 4     the latched high half
 *  0x08 RNG64       R 8     the next two words in one access (low word first)
 *  0x10 ID          R 4     0x524e4700 | version ("RNG" and the version)
 *  0x14 PRNG        RW 4    generator index, in `rnglab prng --list` order (0 = glibc-rand)
 *  0x18 SEED64      W 8     reseed with a 64-bit value
 *  0x20 DMA_ADDR    RW 8    guest-physical destination (also as two 4-byte halves at 0x20/0x24)
 *  0x28 DMA_LEN     RW 4    bytes to write: 4 … DMA_MAX, a multiple of 4
 *  0x2C DMA_CMD     W 4     bit 0 start, bit 1 raise an interrupt on completion
 *  0x30 STATUS      R 4     bit 0 busy, bit 1 error (last command rejected)
 *  0x34 IRQ_STATUS  R 4     bit 0 DMA done
 *  0x38 IRQ_ACK     W 4     clears the bits written (and lowers INTx when none is left)
 *  0x3C DMA_MAX     R 4     the largest DMA_LEN: 1 MiB
 * While busy, writes to SEED, PRNG, SEED64 and the DMA registers are ignored (logged as guest errors), and a
 * start sets the error bit. Completion clears busy; the error bit stays until the next accepted command.
 * A start with a bad length, or a range outside guest RAM or above dma_mask, sets the error bit and
 * writes nothing. The DMA completes after the profile's setup time plus generation and transfer time.
 * Interrupt pin A; an MSI capability (64-bit, one vector) like edu's.
 */
export const REG = {
  RNG: 0x00,
  SEED: 0x04,
  RNG64: 0x08,
  RNG64_HI: 0x0c,
  ID: 0x10,
  PRNG: 0x14,
  SEED64: 0x18,
  DMA_ADDR: 0x20,
  DMA_ADDR_HI: 0x24,
  DMA_LEN: 0x28,
  DMA_CMD: 0x2c,
  STATUS: 0x30,
  IRQ_STATUS: 0x34,
  IRQ_ACK: 0x38,
  DMA_MAX: 0x3c,
} as const;
export const MY_RNG_ID = 0x524e4700;
export const DMA_MAX = 1 << 20;
export const STATUS_BUSY = 1;
export const STATUS_ERROR = 2;
export const IRQ_DMA_DONE = 1;
export const DMA_CMD_START = 1;
export const DMA_CMD_IRQ = 2;

export interface MyRngV2Options {
  prng: PrngFactory;
  seed?: bigint;
  dmaMaskBits: number;
  guestError: (msg: string) => void;
  clock: VirtualClock;
  events: EventQueue;
  costs: () => Readonly<CostNumbers>;
}

export class MyRngV2Device extends PciDevice {
  readonly version = 2;
  readonly mmio: MemoryRegion;
  private prng: Prng;
  private factory: PrngFactory;
  private readonly privateSeed: bigint | undefined;
  private latchedHigh = 0;
  private dmaAddr = 0;
  private dmaLen = 0;
  private status = 0;
  private irqStatus = 0;
  private readonly msiCap: number;
  private dmaBuffer = new Uint32Array(0);

  constructor(
    private readonly opts: MyRngV2Options,
    private readonly states: PrngStateProvider,
  ) {
    super("my_rng", { vendorId: 0x1234, deviceId: 0xcafe, revision: 0x10, classId: 0x00ff, interruptPin: 1 });
    this.factory = opts.prng;
    this.privateSeed = opts.seed;
    this.prng = opts.seed === undefined ? states.shared(opts.prng) : opts.prng.create(opts.seed);
    // msi_init(pdev, 0, 1, true, false), as edu does: 64-bit address, one vector, at 0x40.
    this.msiCap = this.addCapability(PCI_CAP_ID_MSI, 0, 0x0e);
    this.config.setWord(this.msiCap + 2, 0x0080);
    this.config.wmask.set([0x71, 0x00], this.msiCap + 2);
    this.config.wmask.set([0xfc, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff], this.msiCap + 4);
    const ops: MemoryRegionOps = {
      read: (off, size) => this.mmioRead(off, size),
      write: (off, v, size) => this.mmioWrite(off, v, size),
      read64: (off) => this.mmioRead64(off),
      write64: (off, v) => this.mmioWrite64(off, v),
      impl: { min: 1, max: 8 },
    };
    this.mmio = MemoryRegion.io("my_rng", MY_RNG_BAR_SIZE, ops);
    this.registerBar(0, PCI_BASE_ADDRESS_SPACE_MEMORY, this.mmio);
  }

  get generator(): Prng {
    return this.prng;
  }

  private charge(): void {
    this.opts.clock.charge(Cat.device, this.opts.costs().deviceAccessNs);
  }

  private word(): number {
    this.opts.clock.charge(Cat.prng, generatorWordNs(this.opts.costs(), this.prng.info.name));
    return this.prng.nextWord();
  }

  private mmioRead(off: number, size: number): number {
    this.charge();
    if (size !== 4) {
      this.opts.guestError(`my_rng: invalid read of size ${size} at offset 0x${off.toString(16)}`);
      return 0;
    }
    switch (off) {
      case REG.RNG:
        return this.word();
      case REG.RNG64: {
        const lo = this.word();
        this.latchedHigh = this.word();
        return lo;
      }
      case REG.RNG64_HI:
        return this.latchedHigh;
      case REG.ID:
        return (MY_RNG_ID | this.version) >>> 0;
      case REG.PRNG:
        return PRNGS.indexOf(this.factory);
      case REG.DMA_ADDR:
        return this.dmaAddr % 2 ** 32;
      case REG.DMA_ADDR_HI:
        return Math.floor(this.dmaAddr / 2 ** 32);
      case REG.DMA_LEN:
        return this.dmaLen;
      case REG.STATUS:
        return this.status;
      case REG.IRQ_STATUS:
        return this.irqStatus;
      case REG.DMA_MAX:
        return DMA_MAX;
      default:
        this.opts.guestError(`my_rng: read of undefined register 0x${off.toString(16)}`);
        return 0;
    }
  }

  private mmioRead64(off: number): bigint {
    this.charge();
    if (off === REG.RNG64) {
      const lo = this.word();
      const hi = this.word();
      return (BigInt(hi) << 32n) | BigInt(lo);
    }
    if (off === REG.DMA_ADDR) return BigInt(this.dmaAddr);
    this.opts.guestError(`my_rng: invalid 8-byte read at offset 0x${off.toString(16)}`);
    return 0n;
  }

  private busyRejects(off: number): boolean {
    if (!(this.status & STATUS_BUSY)) return false;
    this.opts.guestError(`my_rng: write to 0x${off.toString(16)} ignored while a DMA is in flight`);
    return true;
  }

  private mmioWrite(off: number, v: number, size: number): void {
    this.charge();
    if (size !== 4) {
      this.opts.guestError(`my_rng: invalid write of size ${size} at offset 0x${off.toString(16)}`);
      return;
    }
    switch (off) {
      case REG.SEED:
        if (!this.busyRejects(off)) this.reseed(BigInt(v >>> 0));
        return;
      case REG.PRNG:
        if (!this.busyRejects(off)) this.selectPrng(v >>> 0);
        return;
      case REG.DMA_ADDR:
        if (!this.busyRejects(off)) this.dmaAddr = Math.floor(this.dmaAddr / 2 ** 32) * 2 ** 32 + (v >>> 0);
        return;
      case REG.DMA_ADDR_HI:
        if (!this.busyRejects(off)) this.dmaAddr = (v >>> 0) * 2 ** 32 + (this.dmaAddr % 2 ** 32);
        return;
      case REG.DMA_LEN:
        if (!this.busyRejects(off)) this.dmaLen = v >>> 0;
        return;
      case REG.DMA_CMD:
        // A start while busy is bad programming: rejected, with the error bit (the running DMA goes on).
        if (this.busyRejects(off)) {
          if (v & DMA_CMD_START) this.status |= STATUS_ERROR;
        } else this.command(v >>> 0);
        return;
      case REG.IRQ_ACK:
        this.irqStatus &= ~v;
        if (!this.irqStatus) this.busView?.setIrq(0);
        return;
      default:
        this.opts.guestError(`my_rng: write to read-only or undefined register 0x${off.toString(16)}`);
    }
  }

  private mmioWrite64(off: number, v: bigint): void {
    this.charge();
    if (off === REG.SEED64) {
      if (!this.busyRejects(off)) this.reseed(v);
      return;
    }
    if (off === REG.DMA_ADDR) {
      // Addresses past 2^53 cannot be represented exactly here; they are above any dma_mask anyway.
      if (!this.busyRejects(off)) this.dmaAddr = v < 2n ** 53n ? Number(v) : 2 ** 53;
      return;
    }
    this.opts.guestError(`my_rng: invalid 8-byte write at offset 0x${off.toString(16)}`);
  }

  private reseed(seed: bigint): void {
    const why = this.factory.checkSeed(seed);
    if (why !== undefined) {
      this.opts.guestError(`my_rng: ${why}; seeding with 1`);
      this.prng.seed(1n);
      return;
    }
    this.prng.seed(seed);
  }

  private selectPrng(index: number): void {
    const f = PRNGS[index];
    if (!f) {
      this.opts.guestError(`my_rng: no generator with index ${index}`);
      this.status |= STATUS_ERROR;
      return;
    }
    this.status &= ~STATUS_ERROR;
    this.factory = f;
    this.prng = this.privateSeed === undefined ? this.states.shared(f) : f.create(f.checkSeed(this.privateSeed) ? 1n : this.privateSeed);
  }

  /** DMA_CMD: validate, generate the words now (the stream's order), write them at completion time. */
  private command(cmd: number): void {
    if (!(cmd & DMA_CMD_START)) return;
    const len = this.dmaLen;
    const addr = this.dmaAddr;
    const bad = len < 4 || len > DMA_MAX || len % 4 !== 0 || addr + len > 2 ** this.opts.dmaMaskBits;
    if (bad) {
      this.opts.guestError(`my_rng: DMA rejected (addr 0x${addr.toString(16)}, len ${len})`);
      this.status |= STATUS_ERROR;
      return;
    }
    const words = len / 4;
    if (this.dmaBuffer.length < words) this.dmaBuffer = new Uint32Array(Math.max(words, 1024));
    const buf = this.dmaBuffer.subarray(0, words);
    this.prng.fill(buf);
    const c = this.opts.costs();
    this.status = STATUS_BUSY;
    // The device generates, then writes: the CPU's wait splits into generation (prng) and transfer (dma).
    const genNs = words * generatorWordNs(c, this.prng.info.name);
    const xferNs = c.dmaSetupNs + len * c.dmaNsPerByte;
    const doneAt = this.opts.clock.nowNs + genNs + xferNs;
    this.opts.events.schedule(doneAt, [[Cat.prng, genNs], [Cat.dma, xferNs]], () => {
      // Ejected meanwhile: QEMU's unrealize freed the timer; no write, no interrupt.
      if (!this.busView) return;
      const bytes = new Uint8Array(buf.buffer, buf.byteOffset, len);
      const ok = this.busView?.dmaWrite(addr, bytes) ?? false;
      this.status = ok ? 0 : STATUS_ERROR;
      if (!ok) this.opts.guestError(`my_rng: DMA to 0x${addr.toString(16)} failed (outside RAM or bus mastering off)`);
      this.irqStatus |= IRQ_DMA_DONE;
      if (cmd & DMA_CMD_IRQ) this.raiseIrq();
    });
  }

  private raiseIrq(): void {
    const bus = this.busView as PciBusView | undefined;
    const ctrl = this.config.getWord(this.msiCap + 2);
    if (ctrl & 1 && bus?.msi) {
      const addr = this.config.getLong(this.msiCap + 4) + this.config.getLong(this.msiCap + 8) * 2 ** 32;
      bus.msi(addr, this.config.getWord(this.msiCap + 12));
      return;
    }
    bus?.setIrq(1);
  }
}
