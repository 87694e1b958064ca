// Shared vitest settings. Tests run on the packages' TypeScript sources (the "@rng/source" export
// condition), so `pnpm test` needs no prior build of the workspace packages it imports.
import { defineConfig } from "vitest/config";

const conditions = ["@rng/source", "module", "node", "import", "default"];

/** @param {import("vitest/config").UserConfig} [extra] */
export function rngVitestConfig(extra = {}) {
  return defineConfig({
    resolve: { conditions },
    ssr: { resolve: { conditions, externalConditions: conditions } },
    ...extra,
    test: {
      include: ["src/**/*.test.ts", "test/**/*.test.ts"],
      // CI runs every package's suite at once on two cores: property tests need room, not a race.
      testTimeout: 30_000,
      benchmark: { include: ["src/**/*.bench.ts", "bench/**/*.bench.ts"] },
      ...(extra.test ?? {}),
    },
  });
}
