/**
 * DESIGN.md §7: the subcommand's own options come first; machine options in QEMU syntax follow the first
 * `--` after them. With none, the machine is the lab's: `-M pc -m 128 -device my_rng`.
 */
export const DEFAULT_MACHINE_ARGS = ["-M", "pc", "-m", "128", "-device", "my_rng"] as const;

export interface SplitArgs {
  own: string[];
  machine: string[] | undefined;
}

export function splitMachineArgs(args: readonly string[]): SplitArgs {
  const i = args.indexOf("--");
  if (i < 0) return { own: [...args], machine: undefined };
  return { own: args.slice(0, i), machine: args.slice(i + 1) };
}

export function machineArgsOrDefault(machine: string[] | undefined): string[] {
  return machine && machine.length > 0 ? machine : [...DEFAULT_MACHINE_ARGS];
}
