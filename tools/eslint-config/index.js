// Shared ESLint flat config: typescript-eslint's recommended rules, plus the layering rule of
// DESIGN.md §1 that keeps the four core packages free of Node-only modules (they run in a browser too).
import tseslint from "typescript-eslint";

/** @param {{ browserSafe?: boolean }} [options] */
export function rngEslintConfig(options = {}) {
  const browserSafe = options.browserSafe ?? true;
  return tseslint.config(
    { ignores: ["dist/**", "coverage/**"] },
    ...tseslint.configs.recommended,
    {
      rules: {
        "@typescript-eslint/no-explicit-any": "error",
        "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      },
    },
    browserSafe
      ? {
          files: ["src/**/*.ts"],
          ignores: ["src/**/*.test.ts", "src/**/*.bench.ts"],
          rules: {
            "no-restricted-imports": ["error", { patterns: [{ group: ["node:*"], message: "core packages run in a browser: no node: imports (DESIGN.md §1)" }] }],
            "no-restricted-globals": ["error", { name: "process", message: "no process in core packages" }, { name: "Buffer", message: "use typed arrays" }],
          },
        }
      : {},
  );
}
