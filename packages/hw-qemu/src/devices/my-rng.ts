import type { Prng, PrngFactory } from "@rng/prngs";
import { MemoryRegion, type MemoryRegionOps } from "../memory/region.js";
import { PciDevice } from "../pci/device.js";
import { PCI_BASE_ADDRESS_SPACE_MEMORY } from "../pci/regs.js";
import { Cat, type VirtualClock } from "../clock.js";

/** Virtual time a device model charges for its own work (DESIGN.md §2: `device`, `prng`). */
export interface DeviceTiming {
  clock: VirtualClock;
  deviceAccessNs: number;
  prngWordNs: number;
}

/** Register offsets of the lab's device (version 1). */
export const MY_RNG_REG_RNG = 0x00;
export const MY_RNG_REG_SEED = 0x04;
export const MY_RNG_BAR_SIZE = 4096;

/**
 * Where a device's generator state lives. The lab's C device calls the QEMU process's global rand(), so
 * every my_rng instance shares one state; `seed=` gives an instance a private one (DESIGN.md §3).
 */
export interface PrngStateProvider {
  shared(factory: PrngFactory): Prng;
}

export interface MyRngOptions {
  version: 1;
  prng: PrngFactory;
  /** `seed=`: a private generator in the state of this seed. */
  seed?: bigint;
  /** LOG_GUEST_ERROR messages (QEMU's `-d guest_errors`). */
  guestError: (msg: string) => void;
  timing?: DeviceTiming;
}

/**
 * The lab's `my_rng` PCI device (QOM type "my_rng"): 1234:cafe rev 0x10, class 0x00ff (PCI_CLASS_OTHERS),
 * QEMU's default subsystem 1af4:1100, no interrupt pin, no capabilities, one 4 KiB 32-bit non-prefetchable
 * memory BAR0 holding RNG (0x0, read: the next rand()) and SEED (0x4, write: srand(value)). Other offsets
 * and access sizes read 0 and ignore writes, and are logged as guest errors.
 */
export class MyRngDevice extends PciDevice {
  readonly version: number;
  readonly mmio: MemoryRegion;
  private prng: Prng;
  private readonly factory: PrngFactory;
  private readonly guestError: (msg: string) => void;
  private readonly timing: DeviceTiming | undefined;

  constructor(opts: MyRngOptions, states: PrngStateProvider) {
    super("my_rng", { vendorId: 0x1234, deviceId: 0xcafe, revision: 0x10, classId: 0x00ff });
    this.version = opts.version;
    this.factory = opts.prng;
    this.guestError = opts.guestError;
    this.timing = opts.timing;
    this.prng = opts.seed === undefined ? states.shared(opts.prng) : opts.prng.create(opts.seed);
    // The lab's MemoryRegionOps set neither .valid nor .impl: every size is valid and the callbacks see
    // 1, 2 and 4-byte accesses (8-byte ones are split into two 4-byte ones by the memory core).
    const ops: MemoryRegionOps = {
      read: (offset, size) => this.mmioRead(offset, size),
      write: (offset, value, size) => this.mmioWrite(offset, value, size),
    };
    this.mmio = MemoryRegion.io("my_rng", MY_RNG_BAR_SIZE, ops);
    this.registerBar(0, PCI_BASE_ADDRESS_SPACE_MEMORY, this.mmio);
  }

  /** The generator this instance draws from (shared or private). */
  get generator(): Prng {
    return this.prng;
  }

  private mmioRead(offset: number, size: number): number {
    const t = this.timing;
    if (t) t.clock.charge(Cat.device, t.deviceAccessNs);
    if (offset === MY_RNG_REG_RNG && size === 4) {
      if (t) t.clock.charge(Cat.prng, t.prngWordNs);
      return this.prng.nextWord();
    }
    this.guestError(`my_rng: invalid read of size ${size} at offset 0x${offset.toString(16)}`);
    return 0;
  }

  private mmioWrite(offset: number, value: number, size: number): void {
    const t = this.timing;
    if (t) t.clock.charge(Cat.device, t.deviceAccessNs);
    if (offset === MY_RNG_REG_SEED && size === 4) {
      this.reseed(BigInt(value >>> 0));
      return;
    }
    this.guestError(`my_rng: invalid write of size ${size} at offset 0x${offset.toString(16)} (value 0x${(value >>> 0).toString(16)})`);
  }

  /** SEED: the generator's own seeding rule; a seed it cannot take is replaced by 1 and logged. */
  private reseed(seed: bigint): void {
    const why = this.factory.checkSeed(seed);
    if (why !== undefined) {
      this.guestError(`my_rng: ${why}; seeding with 1`);
      this.prng.seed(1n);
      return;
    }
    this.prng.seed(seed);
  }
}
