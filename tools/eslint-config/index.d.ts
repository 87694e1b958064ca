import type { Linter } from "eslint";
export declare function rngEslintConfig(options?: { browserSafe?: boolean }): Linter.Config[];
