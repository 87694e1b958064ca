import { rngVitestConfig } from "@rng/vitest-config";

export default rngVitestConfig();
