import type { Guest } from "./compose.js";

/** The prompt busybox's ash shows root with PS1='\\w \\$ ': the working directory, ~ for /root. */
export function prompt(cwd: string): string {
  return `${cwd === "/root" ? "~" : cwd.startsWith("/root/") ? "~" + cwd.slice(5) : cwd} # `;
}

/**
 * Tab completion as busybox's line editor does it: commands first word, module files for insmod, paths
 * otherwise. A unique match is finished as busybox finishes it: a space after a word, "/" after a directory.
 */
export function complete(guest: Guest, cwd: string, line: string): [string[], string] {
  const [hits, word] = candidates(guest, cwd, line);
  return [hits.length === 1 && !hits[0].endsWith("/") ? [hits[0] + " "] : hits, word];
}

function candidates(guest: Guest, cwd: string, line: string): [string[], string] {
  const sh = guest.shell;
  const words = line.split(/\s+/);
  const word = words[words.length - 1];
  const names = (dir: string) => {
    const r = sh.readdir(dir);
    return typeof r === "number" ? [] : r;
  };
  if (words.length === 1) {
    const cmds = [...new Set([...names("/bin"), "cd", "echo", "exit", "export", "poweroff", "printf", "test", "true", "false"])].sort();
    return [cmds.filter((c) => c.startsWith(word)), word];
  }
  const cmd = words[0];
  if ((cmd === "rmmod" || cmd === "modprobe") && !word.includes("/")) {
    const rel = names("/lib/modules")[0] ?? "";
    const mods = cmd === "rmmod" ? names("/sys/module") : names(`/lib/modules/${rel}/extra`).map((f) => f.replace(/\.ko$/, ""));
    return [mods.filter((m) => m.startsWith(word)), word];
  }
  const slash = word.lastIndexOf("/");
  const dir = slash < 0 ? cwd : word.slice(0, slash + 1) || "/";
  const base = slash < 0 ? word : word.slice(slash + 1);
  const abs = dir.startsWith("/") ? dir : `${cwd}/${dir}`;
  const hits = names(abs)
    .filter((n) => n.startsWith(base))
    .map((n) => {
      const full = (slash < 0 ? "" : word.slice(0, slash + 1)) + n;
      const st = sh.lstat(`${abs.replace(/\/$/, "")}/${n}`, true);
      return typeof st !== "number" && st.type === "d" ? full + "/" : full;
    });
  return [hits, word];
}
