export type { Prng, PrngFactory, PrngInfo } from "./prng.js";
export { checkSeedRange } from "./prng.js";
export { GlibcRand, glibcRand } from "./glibc-rand.js";
export { GlibcRandR, glibcRandR } from "./glibc-rand-r.js";
export { PRNGS, findPrng, parseSeed } from "./registry.js";
export * from "./quality/index.js";
