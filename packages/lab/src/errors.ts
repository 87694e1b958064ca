/** A usage or input error of rnglab's own (not QEMU's): the CLI prints it as "rnglab: …" and exits 2. */
export class UsageError extends Error {}
