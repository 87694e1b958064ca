import { rngEslintConfig } from "@rng/eslint-config";

export default rngEslintConfig({ browserSafe: true });
