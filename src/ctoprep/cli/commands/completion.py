"""``ctoprep completion bash|zsh|fish``: a shell completion script, from the same parser as ``--help``."""

from __future__ import annotations

import argparse

SHELLS = ("bash", "zsh", "fish")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "completion",
        help="print a shell completion script (bash, zsh or fish)",
        description=(
            "Print a completion script for your shell, so Tab completes commands and options. "
            "bash: ctoprep completion bash > ~/.local/share/bash-completion/completions/ctoprep; "
            'zsh: ctoprep completion zsh > "${fpath[1]}/_ctoprep"; '
            "fish: ctoprep completion fish > ~/.config/fish/completions/ctoprep.fish"
        ),
    )
    p.add_argument("shell", choices=SHELLS, help="the shell to complete in")
    p.set_defaults(func=run)


def fish_script(parser: argparse.ArgumentParser, prog: str = "ctoprep") -> str:
    """Fish completions for every command and option (shtab has no fish output)."""

    def quote(text: str) -> str:
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"

    lines = [f"# fish completion for {prog}, written by '{prog} completion fish'", f"complete -c {prog} -f"]

    def options(p: argparse.ArgumentParser, condition: str) -> None:
        for action in p._actions:
            if action.help == argparse.SUPPRESS or not action.option_strings:
                continue
            parts = []
            for flag in action.option_strings:
                parts.append(f"-l {flag[2:]}" if flag.startswith("--") else f"-s {flag[1:]}")
            if action.choices and not isinstance(action, argparse._SubParsersAction):
                parts.append("-x -a " + quote(" ".join(str(c) for c in action.choices)))
            elif action.nargs != 0:
                parts.append("-r -F")
            help_text = f" -d {quote(action.help.split(' (')[0])}" if action.help else ""
            lines.append(f"complete -c {prog} -n {quote(condition)} {' '.join(parts)}{help_text}")

    def walk(p: argparse.ArgumentParser, path: list[str]) -> None:
        condition = " && ".join(f"__fish_seen_subcommand_from {word}" for word in path) or "__fish_use_subcommand"
        options(p, condition)
        for action in p._actions:
            if not isinstance(action, argparse._SubParsersAction):
                continue
            helps = {choice.dest: choice.help or "" for choice in action._choices_actions}
            names = list(action.choices)
            for name, child in action.choices.items():
                if not path:
                    cond = "__fish_use_subcommand"
                else:
                    seen = " && ".join(f"__fish_seen_subcommand_from {word}" for word in path)
                    cond = f"{seen} && not __fish_seen_subcommand_from {' '.join(names)}"
                lines.append(f"complete -c {prog} -n {quote(cond)} -a {name} -d {quote(helps.get(name, ''))}")
                walk(child, [*path, name])

    walk(parser, [])
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace) -> int:
    import sys

    from ctoprep.cli.main import build_parser

    parser = build_parser()
    if args.shell == "fish":
        sys.stdout.write(fish_script(parser))
        return 0
    import shtab

    sys.stdout.write(shtab.complete(parser, shell=args.shell))
    return 0
