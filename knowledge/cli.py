"""`shopbot kb check` and `shopbot kb match`: the merchant's tools for the knowledge files.

bot/cli.py calls `register(subparsers)` and then `args.func(args)`, which returns the exit code:
0 fine, 2 bad knowledge files (every problem printed as `file:line: message`).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import BinaryIO, TextIO

from knowledge.errors import KnowledgeError
from knowledge.loader import load_knowledge
from knowledge.matcher import Matcher

EXIT_OK = 0
EXIT_BAD_KNOWLEDGE = 2


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
) -> argparse._SubParsersAction[argparse.ArgumentParser]:
    """Add `kb check` and `kb match` to the main CLI; returns the `kb` commands, to which the
    bot adds the ones that need its config (`kb gaps` reads the database)."""
    kb = subparsers.add_parser("kb", help="check the knowledge files or try the matcher")
    kb.set_defaults(func=lambda _args: _usage(kb))
    commands = kb.add_subparsers(dest="kb_command", metavar="{check,match}")
    check = commands.add_parser(
        "check", help="validate the knowledge files (errors name file:line)"
    )
    check.add_argument("--dir", type=Path, help="knowledge folder (default: the demo shop)")
    check.set_defaults(func=run_check)
    match = commands.add_parser("match", help="one message a line on stdin → one JSON line each")
    match.add_argument("--dir", type=Path, help="knowledge folder (default: the demo shop)")
    match.set_defaults(func=run_match)
    return commands


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_usage(sys.stderr)
    return EXIT_BAD_KNOWLEDGE


def _report(exc: KnowledgeError, out: TextIO) -> int:
    for issue in exc.errors:
        print(issue, file=out)
    print(f"{len(exc.errors)} problem(s) in the knowledge files", file=out)
    return EXIT_BAD_KNOWLEDGE


def run_check(args: argparse.Namespace) -> int:
    try:
        kb = load_knowledge(args.dir)
    except KnowledgeError as exc:
        return _report(exc, sys.stderr)
    print(f"ok: {kb.summary()}")
    for issue in kb.warnings:
        print(f"warning: {issue}")
    if kb.warnings:
        print(f"{len(kb.warnings)} warning(s): the shop loads, but these are worth filling in")
    return EXIT_OK


def run_match(args: argparse.Namespace) -> int:
    try:
        matcher = Matcher(load_knowledge(args.dir))
    except KnowledgeError as exc:
        return _report(exc, sys.stderr)
    try:
        match_lines(matcher, sys.stdin.buffer, sys.stdout)
    except BrokenPipeError:
        # `kb match | head`: the reader left, which is not an error. Point stdout at /dev/null so
        # the interpreter's final flush does not complain (the recipe in Python's signal docs).
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return EXIT_OK


def match_lines(matcher: Matcher, source: BinaryIO, out: TextIO) -> None:
    """One JSON object per input line, flushed at once so a pipe sees each answer as it comes."""
    for raw in source:
        text = raw.decode("utf-8", errors="replace").rstrip("\r\n")
        out.write(json.dumps(matcher.match(text).to_json(), ensure_ascii=False) + "\n")
        out.flush()


def main(argv: list[str] | None = None) -> int:
    """`python -m knowledge.cli kb check` works without the rest of the bot."""
    parser = argparse.ArgumentParser(prog="knowledge")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    code: int = args.func(args)
    return code


if __name__ == "__main__":
    sys.exit(main())
