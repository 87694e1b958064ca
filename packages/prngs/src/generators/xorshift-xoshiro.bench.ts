// fill() throughput of the xorshift / splitmix64 / xoshiro / sfc64 group:
//   pnpm exec vitest bench --run src/generators/xorshift-xoshiro.bench.ts
// Each task fills 16384 words (64 KiB); MB/s = 65.536 × hz / 1000.
import { bench, describe } from "vitest";
import type { PrngFactory } from "../prng.js";
import { xorshift32 } from "./xorshift32.js";
import { xorshift64 } from "./xorshift64.js";
import { xorshift128 } from "./xorshift128.js";
import { splitmix64 } from "./splitmix64.js";
import { xoshiro128ss } from "./xoshiro128ss.js";
import { xoshiro256ss } from "./xoshiro256ss.js";
import { xoshiro256p } from "./xoshiro256p.js";
import { xoroshiro128p } from "./xoroshiro128p.js";
import { sfc64 } from "./sfc64.js";

const GROUP: readonly PrngFactory[] = [
  xorshift32,
  xorshift64,
  xorshift128,
  splitmix64,
  xoshiro128ss,
  xoshiro256ss,
  xoshiro256p,
  xoroshiro128p,
  sfc64,
];

describe("fill(Uint32Array(16384)) — xorshift, splitmix64, xoshiro, sfc64", () => {
  const buf = new Uint32Array(1 << 14);
  for (const factory of GROUP) {
    const g = factory.create(42n);
    bench(factory.info.name, () => g.fill(buf), { time: 500 });
  }
});

describe("fill() in odd-sized chunks (pending high halves) — 64-bit generators", () => {
  const buf = new Uint32Array(1001);
  for (const factory of GROUP.filter((f) => f.info.wordBits === 64)) {
    const g = factory.create(42n);
    bench(factory.info.name, () => g.fill(buf), { time: 300 });
  }
});
