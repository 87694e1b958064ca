export * from "./uapi.js";
export { myRngBuiltinInit, myRngSelfTest } from "./builtin-my-rng.js";
export { rngLab } from "./rng-lab.js";
export { rngBench, BENCH_DESIGNS, type BenchDesign } from "./rng-bench.js";
export { myRngModule } from "./my-rng-module.js";
export { myRngPciModule, MY_RNG_PCI_NAME } from "./my-rng-pci.js";
export { myRngIoctl } from "./rng-ioctl.js";
export { installDriverPackage, labKernelOptions, type DriverChoice } from "./install.js";
