import { rngEslintConfig } from "@rng/eslint-config";

// Browser code: no node: imports outside the tests (which drive Chromium from Node).
export default rngEslintConfig({ browserSafe: true });
