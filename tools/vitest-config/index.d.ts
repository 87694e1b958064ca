import type { UserConfig } from "vitest/config";
export declare function rngVitestConfig(extra?: UserConfig): UserConfig;
