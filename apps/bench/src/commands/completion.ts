import { PRNGS } from "@rng/prngs";
import { USAGE_EXIT, type CliIo } from "../cli-io.js";

const COMMANDS = ["info-pci", "run", "shell", "monitor", "bench", "prng", "quality", "prng-speed", "mmio-speed", "completion", "help"];
const OPTIONS: Record<string, string[]> = {
  run: ["-c", "--driver", "--profile", "--cost", "--trace", "--help"],
  shell: ["--driver", "--profile", "--help"],
  monitor: ["-c", "--help"],
  bench: ["--design", "--profile", "--bytes", "--bytes-per-call", "--sweep", "--cost", "--json", "--csv", "--svg", "--help"],
  prng: ["--seed", "--count", "--format", "--list", "--help"],
  quality: ["--seed", "--bytes", "--register", "--json", "--help"],
  "prng-speed": ["--words", "--json", "--help"],
  "mmio-speed": ["--reads", "--runs", "--json", "--help"],
  "info-pci": ["--help"],
  completion: ["bash", "zsh"],
};

function bash(): string {
  const cases = Object.entries(OPTIONS)
    .map(([c, o]) => `    ${c}) opts="${o.join(" ")}${c === "prng" || c === "quality" ? ` ${PRNGS.map((p) => p.info.name).join(" ")}` : ""}" ;;`)
    .join("\n");
  return `# rnglab bash completion: eval "$(pnpm -s rnglab completion bash)"
_rnglab() {
  local cur=\${COMP_WORDS[COMP_CWORD]} cmd=\${COMP_WORDS[1]} opts
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=($(compgen -W "${COMMANDS.join(" ")}" -- "$cur")); return
  fi
  case "$cmd" in
${cases}
    *) opts="" ;;
  esac
  COMPREPLY=($(compgen -W "$opts" -- "$cur"))
}
complete -F _rnglab rnglab
`;
}

function zsh(): string {
  return `#compdef rnglab
# rnglab zsh completion: eval "$(pnpm -s rnglab completion zsh)"
autoload -U bashcompinit && bashcompinit
${bash()}`;
}

export function completionCommand(args: string[], io: CliIo): number {
  if (args[0] === "bash") io.stdout(bash());
  else if (args[0] === "zsh") io.stdout(zsh());
  else {
    io.stderr("Usage: rnglab completion bash|zsh\n");
    return USAGE_EXIT;
  }
  return 0;
}
