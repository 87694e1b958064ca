export * from "./uapi.js";
export { myRngBuiltinInit, myRngSelfTest } from "./builtin-my-rng.js";
export { rngLab } from "./rng-lab.js";
export { rngBench, BENCH_DESIGNS, type BenchDesign } from "./rng-bench.js";
