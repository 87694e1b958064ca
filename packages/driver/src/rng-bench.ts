import { O_RDWR, type Executable, type Process } from "@rng/guest-kernel";
import { MY_RNG_DEVICE_PATH, MY_RNG_IOCTL_RAND } from "./uapi.js";

/** The designs rng-bench can drive, by name (DESIGN.md §7 `--design`). */
export const BENCH_DESIGNS = {
  /** The lab's: one RAND ioctl per 32-bit number. */
  v1: { bytesPerCall: 4, needsVersion: 1 },
} as const;
export type BenchDesign = keyof typeof BENCH_DESIGNS;

/**
 * rng-bench DESIGN BYTES [NODE]: reads BYTES of random numbers through the design's interface in a tight
 * loop, like the students' benchmark, and prints one line: design, calls, bytes, ns (CLOCK_MONOTONIC).
 */
export const rngBench: Executable = {
  name: "rng-bench",
  main(p: Process, argv: string[]): number {
    const [, design, bytesArg, node = MY_RNG_DEVICE_PATH] = argv;
    if (design !== "v1" || !/^[0-9]+$/.test(bytesArg ?? "")) {
      p.eprintf("usage: rng-bench v1 BYTES [NODE]\n");
      return 2;
    }
    const bytes = Number(bytesArg);
    const fd = p.libc(p.open(node, O_RDWR));
    if (fd < 0) {
      p.perror(`open ${node}`);
      return 1;
    }
    const buf = p.mem.alloc(4);
    const calls = Math.ceil(bytes / 4);
    const t0 = p.clockGettimeNs();
    for (let i = 0; i < calls; i++) {
      p.compute();
      if (p.libc(p.ioctl(fd, MY_RNG_IOCTL_RAND, buf)) < 0) {
        p.perror("ioctl rand");
        return 1;
      }
    }
    const ns = p.clockGettimeNs() - t0;
    p.close(fd);
    p.printf(`design=${design} calls=${calls} bytes=${calls * 4} ns=${ns}\n`);
    return 0;
  },
};
