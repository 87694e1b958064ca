import { COST_PROFILES, withOverrides, type CostNumbers, type CostProfile } from "@rng/hw-qemu";
import { UsageError } from "./errors.js";

/**
 * The cost profile for a command: --profile when given, else the accelerator the machine options name
 * (-accel kvm, -enable-kvm, -machine accel=kvm) or tcg, with --cost key=value overrides applied.
 */
export function selectProfile(machineArgs: readonly string[], profileName: string | undefined, costs: readonly string[]): CostProfile {
  const name = profileName ?? (machineArgs.includes("-enable-kvm") || /-accel\s+kvm|accel=kvm/.test(machineArgs.join(" ")) ? "kvm" : "tcg");
  const base = COST_PROFILES[name];
  if (!base) throw new UsageError(`unknown profile '${name}' (one of: ${Object.keys(COST_PROFILES).join(", ")})`);
  const overrides: Partial<CostNumbers> = {};
  for (const item of costs) {
    const m = /^([A-Za-z]+)=([0-9]*\.?[0-9]+(?:e[+-]?[0-9]+)?)$/.exec(item);
    if (!m) throw new UsageError(`--cost takes key=value with a non-negative number, not '${item}'`);
    (overrides as Record<string, number>)[m[1]] = Number(m[2]);
  }
  try {
    return withOverrides(base, overrides);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}
