import { bench, describe } from "vitest";
import type { Prng } from "../prng.js";
import { pcg32 } from "./pcg32.js";
import { pcg64 } from "./pcg64.js";
import { chacha20 } from "./chacha20.js";
import { philox4x32_10 } from "./philox4x32-10.js";
import { wyrand } from "./wyrand.js";
import { wyrandFinal4 } from "./wyrand-final4.js";

// fill() throughput of the wide-multiply and counter-based group (PCG, wyrand, ChaCha20, Philox): 64 Ki
// words (256 KiB) per iteration. `pnpm exec vitest bench src/generators/pcg-wyrand-chacha-philox`
// (hz × 256 KiB = bytes/s). Also nextWord() one word at a time, 64 Ki calls per iteration.

const WORDS = 1 << 16;
const factories = [pcg32, pcg64, wyrand, wyrandFinal4, chacha20, philox4x32_10];

describe(`fill(${WORDS} words)`, () => {
  const buf = new Uint32Array(WORDS);
  for (const f of factories) {
    const g: Prng = f.create(42n);
    bench(f.info.name, () => g.fill(buf), { time: 300 });
  }
});

describe(`nextWord() × ${WORDS}`, () => {
  for (const f of factories) {
    const g: Prng = f.create(42n);
    let sink = 0;
    bench(f.info.name, () => {
      for (let i = 0; i < WORDS; i++) sink ^= g.nextWord();
      if (sink === 0.5) throw new Error("unreachable");
    }, { time: 300 });
  }
});
