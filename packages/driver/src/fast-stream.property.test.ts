import fc from "fast-check";
import { GlibcRand, findPrng } from "@rng/prngs";
import { describe, expect, it } from "vitest";
import { lab } from "./test-lab.js";
import { MY_RNG_IOCTL_RAND, MY_RNG_IOCTL_RAND64, MY_RNG_IOCTL_RAND64Q, MY_RNG_IOCTL_SEED } from "./uapi.js";

type Step = { kind: "read"; node: 0 | 1 | 2; size: number } | { kind: "ioctl"; cmd: number };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant("read" as const), node: fc.constantFrom(0 as const, 1 as const, 2 as const), size: fc.integer({ min: 1, max: 5000 }).map((n) => n * 4) }),
  fc.record({ kind: fc.constant("ioctl" as const), cmd: fc.constantFrom(MY_RNG_IOCTL_RAND, MY_RNG_IOCTL_RAND64, MY_RNG_IOCTL_RAND64Q) }),
);

describe("version-2 designs deliver the device's stream, whatever the mix of calls and sizes", () => {
  it("register reads, DMA reads, /dev/hwrng and the 32/64-bit ioctls, interleaved: the stream in order, nothing lost or doubled", () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 12 }), fc.constantFrom("glibc-rand", "xoshiro256ss", "pcg64", "mt19937-64"), (steps, prngName) => {
        const g = lab("pci", ["-M", "pc", "-m", "128", "-device", `my_rng,version=2,prng=${prngName}`]);
        expect(g.run("insmod my_rng_fast.ko").code).toBe(0);
        const p = g.sh;
        const fds = ["/dev/my_rng_fast0", "/dev/my_rng_dma0", "/dev/hwrng"].map((n) => p.open(n, n === "/dev/hwrng" ? 0 : 2)); // rng_dev_open refuses write access
        const seed = p.mem.alloc(4);
        p.mem.storeU32(seed, 7);
        expect(p.ioctl(fds[0], MY_RNG_IOCTL_SEED, seed)).toBe(0);
        const f = findPrng(prngName);
        const ref = f ? f.create(7n) : new GlibcRand(7n);
        const buf = p.mem.alloc(5000 * 4);
        // The hw_random core reads the device 64 bytes (16 words) at a time and keeps what it has not
        // handed out yet: its reader sees those words in order, the other paths the words after them.
        const hwrngBuffer: number[] = [];
        const hwrngWord = () => {
          if (hwrngBuffer.length === 0) for (let i = 0; i < 16; i++) hwrngBuffer.push(ref.nextWord());
          return hwrngBuffer.shift();
        };
        for (const s of steps) {
          if (s.kind === "read") {
            const n = p.readToUser(fds[s.node], buf, s.size);
            expect(n).toBe(s.size);
            for (let i = 0; i < n; i += 4) expect(p.mem.loadU32(buf + i)).toBe(s.node === 2 ? hwrngWord() : ref.nextWord());
          } else {
            expect(p.ioctl(fds[0], s.cmd, buf)).toBe(0);
            const words = s.cmd === MY_RNG_IOCTL_RAND ? 1 : 2;
            for (let i = 0; i < words; i++) expect(p.mem.loadU32(buf + 4 * i)).toBe(ref.nextWord());
          }
        }
      }),
      { numRuns: 40 },
    );
  }, 60_000);

  it("a version-1 device: my_rng_fast's probe fails cleanly with a dmesg line, nothing is left", () => {
    const g = lab("pci");
    const r = g.run("insmod my_rng_fast.ko; ls /dev; grep -c my_rng_fast /proc/iomem");
    expect(r.stdout).toBe("hwrng\nmem\nnull\nzero\n0\n");
    expect(r.dmesg.at(-1)).toBe("my_rng_fast 0000:00:04.0: not a version-2 my_rng (ID reads 0x00000000); my_rng_pci drives version 1");
  });

  it("hwrng sysfs shows the source as Linux 6.1 does, quality 0", () => {
    const g = lab("pci", ["-M", "pc", "-m", "128", "-device", "my_rng,version=2"]);
    expect(g.run("cat /sys/class/misc/hw_random/rng_current").stdout).toBe("none\n");
    g.run("insmod my_rng_fast.ko");
    expect(g.run("cat /sys/class/misc/hw_random/rng_available /sys/class/misc/hw_random/rng_current /sys/class/misc/hw_random/rng_quality").stdout).toBe(
      "my_rng_fast\nmy_rng_fast\n0\n",
    );
    g.run("rmmod my_rng_fast");
    expect(g.run("cat /sys/class/misc/hw_random/rng_current").stdout).toBe("none\n");
  });
});
