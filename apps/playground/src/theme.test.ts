// The themes' colours are readable: WCAG 2 contrast of text on its backgrounds, read from the stylesheet.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const css = readFileSync(new URL("./style.css", import.meta.url), "utf8");

function vars(selector: string): Record<string, string> {
  const block = new RegExp(`${selector.replace(/[[\]"=]/g, "\\$&")}\\s*\\{([^}]*)\\}`).exec(css);
  if (!block) throw new Error(`no ${selector} block in style.css`);
  return Object.fromEntries([...block[1].matchAll(/(--[\w-]+):\s*(#[0-9a-f]{6})/gi)].map((m) => [m[1], m[2]]));
}

/** WCAG 2.x relative luminance and contrast ratio. */
function luminance(hex: string): number {
  const c = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
  return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
}
const contrast = (a: string, b: string) => {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
};

describe("light and dark themes", () => {
  const light = vars(":root");
  const dark = { ...light, ...vars(':root[data-theme="dark"]') };
  for (const [name, theme] of [["light", light], ["dark", dark]] as const) {
    it(`${name}: text, muted text, links, errors and the terminal reach WCAG AA (4.5:1)`, () => {
      for (const [fg, bg] of [["--fg", "--bg"], ["--fg", "--panel"], ["--muted", "--bg"], ["--muted", "--panel"], ["--accent", "--bg"], ["--error", "--bg"], ["--error", "--panel"], ["--term-fg", "--term-bg"], ["--fg", "--accent-soft"]]) {
        expect(contrast(theme[fg], theme[bg]), `${fg} on ${bg}`).toBeGreaterThanOrEqual(4.5);
      }
    });
  }
});
