import { O_RDONLY, O_RDWR, type Executable, type Process } from "@rng/guest-kernel";
import { MY_RNG_DEVICE_PATH, MY_RNG_IOCTL_RAND, MY_RNG_IOCTL_RAND64, MY_RNG_IOCTL_RAND64Q, MY_RNG_IOCTL_SEED } from "./uapi.js";

/**
 * The designs rng-bench drives (DESIGN.md §7 `--design`): the node, the call, the bytes each call moves
 * by default, the device version it needs, and the node used to seed the device before timing.
 */
export const BENCH_DESIGNS = {
  v1: { node: MY_RNG_DEVICE_PATH, call: "ioctl", cmd: MY_RNG_IOCTL_RAND, bytesPerCall: 4, fixed: true, version: 1, control: MY_RNG_DEVICE_PATH },
  "rng64-pair": { node: "/dev/my_rng_fast0", call: "ioctl", cmd: MY_RNG_IOCTL_RAND64, bytesPerCall: 8, fixed: true, version: 2, control: "/dev/my_rng_fast0" },
  "rng64-q": { node: "/dev/my_rng_fast0", call: "ioctl", cmd: MY_RNG_IOCTL_RAND64Q, bytesPerCall: 8, fixed: true, version: 2, control: "/dev/my_rng_fast0" },
  read: { node: "/dev/my_rng_fast0", call: "read", cmd: 0, bytesPerCall: 4096, fixed: false, version: 2, control: "/dev/my_rng_fast0" },
  dma: { node: "/dev/my_rng_dma0", call: "read", cmd: 0, bytesPerCall: 65536, fixed: false, version: 2, control: "/dev/my_rng_fast0" },
  hwrng: { node: "/dev/hwrng", call: "read", cmd: 0, bytesPerCall: 4096, fixed: false, version: 2, control: "/dev/my_rng_fast0" },
  "copy-only": { node: "/dev/my_rng_copy0", call: "read", cmd: 0, bytesPerCall: 65536, fixed: false, version: 2, control: "/dev/my_rng_fast0" },
} as const;
export type BenchDesign = keyof typeof BENCH_DESIGNS;

/**
 * An FNV-1a-style hash over the little-endian 32-bit words of `bytes` (a multiple of 4 long), for checking
 * that a design delivered the device's stream; word-wise so the check does not slow the simulator.
 */
export function fnv1a(h: number, bytes: Uint8Array): number {
  let x = h;
  const n = bytes.length >> 2;
  const words = bytes.byteOffset % 4 === 0 ? new Uint32Array(bytes.buffer, bytes.byteOffset, n) : new Uint32Array(bytes.slice(0, n * 4).buffer);
  for (let i = 0; i < n; i++) x = Math.imul(x ^ words[i], 0x01000193) >>> 0;
  return x;
}
export const FNV_OFFSET = 0x811c9dc5;

/**
 * rng-bench DESIGN BYTES [BYTES_PER_CALL] [SEED]: seeds the device (SEED ioctl), then reads BYTES of
 * numbers through the design in a tight loop, like the students' benchmark, and prints one line:
 * design, calls, bytes, ns (CLOCK_MONOTONIC), fnv (FNV-1a of every byte received, in order).
 */
export const rngBench: Executable = {
  name: "rng-bench",
  main(p: Process, argv: string[]): number {
    const [, name, bytesArg, bpcArg, seedArg = "0"] = argv;
    const design = BENCH_DESIGNS[name as BenchDesign];
    if (!design || !/^[0-9]+$/.test(bytesArg ?? "") || (bpcArg !== undefined && !/^[0-9]+$/.test(bpcArg)) || !/^[0-9]+$/.test(seedArg)) {
      p.eprintf(`usage: rng-bench ${Object.keys(BENCH_DESIGNS).join("|")} BYTES [BYTES_PER_CALL] [SEED]\n`);
      return 2;
    }
    const bpc = design.fixed ? design.bytesPerCall : Number(bpcArg ?? design.bytesPerCall);
    if (bpc < 4 || bpc % 4 !== 0) {
      p.eprintf("rng-bench: bytes per call must be a positive multiple of 4\n");
      return 2;
    }
    const bytes = Number(bytesArg);
    const ctl = p.libc(p.open(design.control, O_RDWR));
    if (ctl < 0) {
      p.perror(`open ${design.control}`);
      return 1;
    }
    const seed = p.mem.alloc(4);
    p.mem.storeU32(seed, Number(seedArg) >>> 0);
    if (p.libc(p.ioctl(ctl, MY_RNG_IOCTL_SEED, seed)) < 0) {
      p.perror("ioctl seed");
      return 1;
    }
    // A data node only read from is opened read-only, as a C program would (/dev/hwrng refuses write access).
    const fd = design.node === design.control ? ctl : p.libc(p.open(design.node, design.call === "read" ? O_RDONLY : O_RDWR));
    if (fd < 0) {
      p.perror(`open ${design.node}`);
      return 1;
    }
    const buf = p.mem.alloc(bpc);
    const calls = Math.ceil(bytes / bpc);
    let hash = FNV_OFFSET;
    let got = 0;
    const t0 = p.clockGettimeNs();
    for (let i = 0; i < calls; i++) {
      p.compute();
      if (design.call === "ioctl") {
        if (p.libc(p.ioctl(fd, design.cmd, buf)) < 0) {
          p.perror("ioctl");
          return 1;
        }
        got += bpc;
      } else {
        const n = p.libc(p.readToUser(fd, buf, bpc));
        if (n < 0) {
          p.perror("read");
          return 1;
        }
        got += n;
      }
      // The check reads the user buffer outside virtual time: it is the harness, not the program. Small
      // calls hash word by word without allocating, so the check does not slow the simulator.
      if (bpc <= 16) {
        for (let w = 0; w < bpc; w += 4) hash = Math.imul(hash ^ p.mem.loadU32(buf + w), 0x01000193) >>> 0;
      } else {
        hash = fnv1a(hash, p.mem.range(buf, bpc) as Uint8Array);
      }
    }
    const ns = p.clockGettimeNs() - t0;
    if (fd !== ctl) p.close(fd);
    p.close(ctl);
    p.printf(`design=${name} calls=${calls} bytes=${got} bpc=${bpc} ns=${ns} fnv=${hash.toString(16)}\n`);
    return 0;
  },
};
