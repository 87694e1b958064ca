import { GlibcRand } from "@rng/prngs";
import { runPreempting } from "@rng/guest-kernel";
import { describe, expect, it } from "vitest";
import { lab } from "./test-lab.js";
import { MY_RNG_IOCTL_RAND64, MY_RNG_IOCTL_SEED } from "./uapi.js";

/**
 * Two processes reading 64-bit numbers through the RNG64_LO/HI pair, with B's ioctl preempting A's
 * between A's LO and HI reads (a deterministic interleaving scheduler).
 */
function interleave(unsafe: boolean) {
  const g = lab("pci", ["-M", "pc", "-m", "128", "-device", "my_rng,version=2"]);
  expect(g.run(`insmod my_rng_fast.ko unsafe_pair=${unsafe ? 1 : 0}`).code).toBe(0);
  const { k } = g;
  const a = k.createProcess(g.sh);
  const b = k.createProcess(g.sh);
  const fa = a.open("/dev/my_rng_fast0", 2);
  const fb = b.open("/dev/my_rng_fast0", 2);
  const seed = a.mem.alloc(4);
  a.mem.storeU32(seed, 1);
  a.ioctl(fa, MY_RNG_IOCTL_SEED, seed);
  const ba = a.mem.alloc(8);
  const bb = b.mem.alloc(8);
  k.preemptHook = () => runPreempting(k, () => void b.ioctl(fb, MY_RNG_IOCTL_RAND64, bb));
  expect(a.ioctl(fa, MY_RNG_IOCTL_RAND64, ba)).toBe(0);
  k.preemptHook = undefined;
  const read = (p: typeof a, ptr: number) => [p.mem.loadU32(ptr), p.mem.loadU32(ptr + 4)];
  return { a: read(a, ba), b: read(b, bb) };
}

describe("RNG64 LO/HI pair with two readers interleaving", () => {
  const ref = () => {
    const g = new GlibcRand(1n);
    return [g.nextWord(), g.nextWord(), g.nextWord(), g.nextWord()];
  };
  it("with the driver's lock, B waits in mutex_lock: both get whole numbers, in stream order", () => {
    const [w0, w1, w2, w3] = ref();
    const r = interleave(false);
    expect(r.a).toEqual([w0, w1]);
    expect(r.b).toEqual([w2, w3]);
  });
  it("without it (unsafe_pair=1), B re-latches HI between A's reads: A's number tears, a word is lost", () => {
    const [w0, w1, w2, w3] = ref();
    const r = interleave(true);
    expect(r.b).toEqual([w2, w3]);
    expect(r.a).toEqual([w0, w3]); // A's high half is B's
    expect([...r.a, ...r.b]).not.toContain(w1);
  });
});
