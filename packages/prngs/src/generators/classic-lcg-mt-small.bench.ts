import { bench, describe } from "vitest";
import type { Prng } from "../prng.js";
import { isoCLcg } from "./iso-c-lcg.js";
import { minstd16807 } from "./minstd16807.js";
import { minstd48271 } from "./minstd48271.js";
import { javaRandom } from "./java-random.js";
import { mt19937 } from "./mt19937.js";
import { mt19937_64 } from "./mt19937-64.js";
import { lfsr113 } from "./lfsr113.js";
import { jsf32 } from "./jsf32.js";
import { mulberry32 } from "./mulberry32.js";

// fill() throughput of the classic LCG / Mersenne Twister / small-state group: 64 Ki words (256 KiB) per
// iteration. `pnpm exec vitest bench src/generators/classic-lcg-mt-small` (hz × 256 KiB = bytes/s).

const WORDS = 1 << 16;
const generators: [string, Prng][] = [
  ["iso-c-lcg", isoCLcg.create(42n)],
  ["minstd16807", minstd16807.create(42n)],
  ["minstd48271", minstd48271.create(42n)],
  ["java-random", javaRandom.create(42n)],
  ["mt19937", mt19937.create(42n)],
  ["mt19937-64", mt19937_64.create(42n)],
  ["lfsr113", lfsr113.create(42n)],
  ["jsf32", jsf32.create(42n)],
  ["mulberry32", mulberry32.create(42n)],
];

describe(`fill(${WORDS} words)`, () => {
  const buf = new Uint32Array(WORDS);
  for (const [name, g] of generators) {
    bench(name, () => g.fill(buf), { time: 300 });
  }
});
