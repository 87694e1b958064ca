/**
 * Virtual-time costs (DESIGN.md §2): what each crossing costs, per accelerator. Every number cites its
 * source. Users override any of them (`--cost key=value`); results carry the profile's id.
 */
export interface CostNumbers {
  /** Syscall entry + exit round trip (a bare getppid()). */
  syscallNs: number;
  /** fd lookup + VFS + ioctl dispatch to the driver's unlocked_ioctl (an ENOTTY ioctl minus a bare syscall). */
  ioctlDispatchNs: number;
  /** Extra fixed cost of read(2) over ioctl(2) on a char device. */
  readExtraNs: number;
  /** The driver's own work in one ioctl or read call, besides MMIO and copies. */
  driverNs: number;
  /** copy_to_user/copy_from_user: fixed part, and per byte. */
  copyFixedNs: number;
  copyNsPerByte: number;
  /** An MMIO access leaving guest code: the first in a syscall, and later ones in the same call. */
  mmioFirstNs: number;
  mmioNextNs: number;
  /** Port I/O (in/out) access. */
  pioNs: number;
  /** The device model's own work per register access. */
  deviceAccessNs: number;
  /** Generating one 32-bit word of the stream. */
  prngWordNs: number;
  /** The user program's own loop work per call. */
  userCallNs: number;
  /** A device's DMA: fixed setup (command decode, address translation) and per byte written to guest RAM. */
  dmaSetupNs: number;
  dmaNsPerByte: number;
  /** Interrupt injection and the guest handler's entry and exit. */
  irqNs: number;
  /** Waking a sleeping process and switching to it. */
  schedWakeNs: number;
}

export interface CostProfile {
  readonly id: string;
  readonly description: string;
  readonly ns: Readonly<CostNumbers>;
}

/**
 * What generating one 32-bit word costs the device model, per generator, in ns (the profile's prngWordNs
 * for any generator not listed). The device's C code runs natively under both accelerators, so one table
 * serves both. Sources: Vigna's PRNG page (prng.di.unimi.it) gives xoroshiro128+ "well below a nanosecond
 * per integer" and MT19937 at least 2× slower; the xoshiro/xoroshiro family and splitmix64 are in the same
 * class (0.5 ns per 32-bit word here, conservatively); pcg32 and the small chaotic generators (jsf32, sfc64,
 * mulberry32) are a few cycles per output (estimate 1 ns); MT19937 2×: 1.5 ns; ChaCha20 in portable C ~3
 * cycles/byte (estimate: 4 ns per word); glibc rand() takes a lock per call: the profile default.
 */
export const GENERATOR_NS_PER_WORD: Readonly<Record<string, number>> = {
  xoshiro256ss: 0.5,
  xoshiro256p: 0.5,
  xoshiro128ss: 0.5,
  xoroshiro128p: 0.5,
  splitmix64: 0.5,
  xorshift32: 0.5,
  xorshift64: 0.5,
  xorshift128: 0.5,
  wyrand: 0.5,
  "wyrand-final4": 0.5,
  pcg32: 1,
  pcg64: 1,
  jsf32: 1,
  sfc64: 1,
  mulberry32: 1,
  lfsr113: 1,
  mt19937: 1.5,
  "mt19937-64": 1.5,
  "iso-c-lcg": 1,
  minstd16807: 2,
  minstd48271: 2,
  "java-random": 1,
  "philox4x32-10": 2,
  chacha20: 4,
};

/** Generation cost of one word of `generator` under `profile`. */
export function generatorWordNs(profile: Readonly<CostNumbers>, generator: string): number {
  return GENERATOR_NS_PER_WORD[generator] ?? profile.prngWordNs;
}

// tcg: calibrated to shared/reference/ladder-tcg.md (QEMU 7.2 TCG + Linux 6.1, medians of 3 boots on a
// 2-vCPU AMD EPYC VM): cmd1 (RAND ioctl) 917 ns = getppid 421 (46 %) + ioctl dispatch 686-421 = 265 (29 %)
// + driver and 4-byte copy ~70 (8 %) + first MMIO read ~130 (14 %); later MMIO reads in one call ~45 ns;
// read(2) ~90 ns more fixed cost than ioctl (read_nommio_4 856 vs cmd5 757 + copy); copies ~3.2 GB/s
// (read_nommio_1048576: 1 MiB in 326,928 ns).
const TCG: CostNumbers = {
  syscallNs: 421,
  ioctlDispatchNs: 265,
  readExtraNs: 90,
  driverNs: 39, // 70 ns driver + copy, less copy_to_user of 4 bytes (30 + 4 × 0.3125)
  copyFixedNs: 30,
  copyNsPerByte: 1 / 3.2,
  mmioFirstNs: 117, // 130 ns first read, of which device 8 + prng 5 below
  mmioNextNs: 32, // 45 ns later reads, less device + prng
  pioNs: 117, // port I/O takes the same slow path as MMIO under TCG
  deviceAccessNs: 8,
  prngWordNs: 5,
  userCallNs: 31, // 917 − 886: the benchmark loop's own work (ladder cmd1 total vs its measured parts)
  // Not measured in the ladder (estimates, to be replaced by a measurement): QEMU's DMA into guest RAM is
  // a memcpy through address_space_write (~3.2 GB/s like the guest's own copies under TCG, plus ~1 µs to
  // dispatch the command); an interrupt under TCG costs an exit to the main loop and the guest's entry
  // (~2 µs); a wakeup + context switch in a TCG guest ~3 µs (≈ 7 bare syscalls).
  dmaSetupNs: 1000,
  dmaNsPerByte: 1 / 3.2,
  irqNs: 2000,
  schedWakeNs: 3000,
};

// kvm: published figures only (KVM could not be measured on these machines). Under KVM guest code runs
// natively: syscalls and copies cost what they cost on bare metal, but every access to a register of a
// device emulated in QEMU is a VM exit to QEMU userspace and back.
const KVM: CostNumbers = {
  // Native getpid 191-217 ns on Skylake-X with mitigations (Oracle Linux blog, A. Arora, 2023); a guest
  // syscall does not exit.
  syscallNs: 200,
  // VFS dispatch to a driver: lmbench (2017, no PTI) null call 0.034 µs vs 1-byte read 0.087 µs and write
  // 0.058 µs, so 25-50 ns over a bare syscall, plus a retpoline'd indirect call (estimate within that range).
  ioctlDispatchNs: 45,
  readExtraNs: 30, // lmbench read vs write delta above (0.087 - 0.058 µs)
  driverNs: 10, // a few native instructions around the register access (estimate, no published figure)
  // REP MOVS startup ~35 cycles (Intel Optimization Reference Manual §2.4.6), ~10 ns at 3.5 GHz; bulk
  // copies ~13 GB/s per core (memcpy of 1 GiB on an i7-6700HQ, Stack Overflow q. 43343231, 2017).
  copyFixedNs: 10,
  copyNsPerByte: 1 / 13,
  // An MMIO access to a device emulated in QEMU userspace: VM exit, KVM_EXIT_MMIO to QEMU, dispatch,
  // re-entry. 8,796 cycles round trip in kvm-unit-tests with pci-testdev (QEMU commit adding pci-testdev,
  // M. Tsirkin, 2013); 5.7-6.5 µs for a doorbell write to QEMU's emulated NVMe (FEMU issue, 2022); 5.7 µs
  // guest -> host userspace -> guest (gVisor KVM platform, 2022). Every access exits: no cheaper second read.
  mmioFirstNs: 5000,
  mmioNextNs: 5000,
  pioNs: 3000, // port I/O to QEMU: 5,287 vs 8,796 cycles for MMIO in the same 2013 measurement (60 %)
  deviceAccessNs: 8, // the device model's C code is the same as under TCG
  prngWordNs: 5,
  userCallNs: 5, // the benchmark loop runs natively (estimate)
  // DMA by QEMU's device thread: the command itself is an MMIO write (charged as mmio); the transfer is a
  // memcpy into guest RAM at ~13 GB/s (Stack Overflow q. 43343231, as above) after ~1 µs of setup
  // (estimate). Interrupt delivery ≈ 3,200 cycles ≈ 1 µs (Linux commit ce7a058a2117, kvm-unit-tests
  // tscdeadline_latency, 2016); a wakeup + context switch ~2 µs (estimate).
  dmaSetupNs: 1000,
  dmaNsPerByte: 1 / 13,
  irqNs: 1000,
  schedWakeNs: 2000,
};

export const COST_PROFILES: Readonly<Record<string, CostProfile>> = {
  tcg: { id: "tcg", description: "QEMU 7.2 TCG + Linux 6.1, measured (ladder-tcg.md)", ns: TCG },
  kvm: { id: "kvm", description: "KVM, from published figures (not measured here)", ns: KVM },
};

/** A profile with some numbers overridden (`--cost key=value`); its id records that it was changed. */
export function withOverrides(base: CostProfile, overrides: Partial<CostNumbers>): CostProfile {
  const keys = Object.keys(overrides);
  if (keys.length === 0) return base;
  for (const k of keys) if (!(k in base.ns)) throw new Error(`unknown cost '${k}' (one of: ${Object.keys(base.ns).join(", ")})`);
  return { id: `${base.id}+${keys.join(",")}`, description: `${base.description}, with overrides`, ns: { ...base.ns, ...overrides } };
}
