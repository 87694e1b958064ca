import { defineConfig } from "vite";

// Cross-origin isolation lets the page share memory with the guest's worker (SharedArrayBuffer), so a
// line typed while a background job computes, or a Ctrl-C, reaches the guest at its next syscall, as in
// the CLI. Static hosts that cannot send these headers still work: requests then wait for the guest to
// be idle. (See the README.)
const isolation = { "Cross-Origin-Opener-Policy": "same-origin", "Cross-Origin-Embedder-Policy": "require-corp" };

export default defineConfig({
  // Relative URLs: dist/ works from any directory of any static host.
  base: "./",
  // The workspace packages' TypeScript sources, as the tests use them (no separate build needed).
  resolve: { conditions: ["@rng/source"] },
  worker: { format: "es" },
  server: { headers: isolation },
  preview: { headers: isolation },
  build: { target: "es2022", chunkSizeWarningLimit: 2048 },
});
