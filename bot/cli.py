"""The `shopbot` command: serve, demo, chat, scheduler, mock-api, kb.

Exit codes: 0 fine, 1 runtime failure, 2 bad usage or a bad config / knowledge file.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from bot.config import Config, ConfigError, load_config
from bot.logs import configure_logging, use_format
from knowledge import KnowledgeError

Command = Callable[[argparse.Namespace], int]


DEMO_DATA = Path("data/demo")
"""Where `shopbot demo` writes its config and database (and `kb gaps` reads them by default)."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="shopbot", description=__doc__)
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug details")
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="run the server WeChat and WeCom call")
    serve.add_argument("--config", type=Path, required=True, help="the TOML config file")
    serve.add_argument(
        "--workers",
        type=int,
        default=1,
        help="worker processes on the one port (more than 1 needs redis:// and postgresql://)",
    )
    serve.set_defaults(func=_serve)

    demo = sub.add_parser("demo", help="everything embedded and offline, ready to chat")
    demo.add_argument("--port", type=int, default=8080, help="bot port; the mock API uses port+1")
    demo.add_argument("--data", type=Path, default=DEMO_DATA, help="demo data folder")
    demo.add_argument("--no-chat", action="store_true", help="serve only; chat from elsewhere")
    demo.set_defaults(func=_demo)

    chat = sub.add_parser("chat", help="chat with a running server through real callbacks")
    chat.add_argument("--config", type=Path, required=True)
    chat.add_argument("--url", help="server base URL (default: from [server] in the config)")
    chat.add_argument("--channel", choices=("oa", "wecom", "kf"), default="oa")
    chat.add_argument("--user", help="sender id (default: a demo follower / the first staff id)")
    chat.add_argument("--script", type=Path, help="send each line of FILE, then exit")
    chat.add_argument("--json", action="store_true", help="one JSON object per message sent")
    chat.set_defaults(func=_chat)

    scheduler = sub.add_parser(
        "scheduler", help="run only the campaign scheduler (when workers run with it disabled)"
    )
    scheduler.add_argument("--config", type=Path, required=True)
    scheduler.set_defaults(func=_scheduler)

    mock = sub.add_parser("mock-api", help="the local stand-in for the WeChat and WeCom APIs")
    mock.add_argument("--host", default="127.0.0.1")
    mock.add_argument("--port", type=int, default=8081)
    mock.set_defaults(func=_mock_api)

    doctor = sub.add_parser(
        "doctor", help="check credentials, callbacks, knowledge, database and Redis; explain fixes"
    )
    doctor.add_argument("--config", type=Path, required=True)
    doctor.add_argument(
        "--url", help="public base URL to send the URL checks to (default: the local server)"
    )
    doctor.set_defaults(func=_doctor)

    _register_kb(sub)
    return parser


def _register_kb(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from knowledge.cli import register

    commands = register(sub)
    commands.metavar = "{check,match,gaps}"
    gaps = commands.add_parser(
        "gaps", help="the most frequent questions shoppers asked that the bot could not answer"
    )
    gaps.add_argument(
        "--config", type=Path, default=DEMO_DATA / "shopbot.toml", help="default: the demo's"
    )
    gaps.add_argument("--days", type=_positive, default=7, help="the last N days (default 7)")
    gaps.add_argument("--limit", type=_positive, default=20, help="at most N lines (default 20)")
    gaps.set_defaults(func=_gaps)


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number ≥ 1, got {text!r}")
    return int(text)


def _gaps(args: argparse.Namespace) -> int:
    from bot.gaps import run_gaps

    return run_gaps(_load(args.config), args.days, args.limit)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    configure_logging(logging.DEBUG if args.verbose else _QUIET.get(args.command, logging.INFO))
    func: Command = args.func
    try:
        return func(args)
    except ConfigError as exc:
        print(f"shopbot: bad config: {exc}", file=sys.stderr)
        return 2
    except KnowledgeError as exc:
        print(f"shopbot: bad knowledge files:\n{exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 0


# A person reads this terminal: a chat (demo, chat), or the doctor's own report of each failure.
_QUIET = {"demo": logging.WARNING, "chat": logging.WARNING, "doctor": logging.CRITICAL}


def _doctor(args: argparse.Namespace) -> int:
    from bot.doctor import run_doctor

    return run_doctor(_load(args.config), args.url)


def _load(path: Path) -> Config:
    return load_config(path)


def _serve(args: argparse.Namespace) -> int:
    from bot.config import require_a_channel
    from bot.serve import serve
    from bot.supervisor import check_workers, supervise

    config = _load(args.config)
    use_format("json" if config.server.log_format == "json" else "text")
    require_a_channel(config)
    check_workers(config, args.workers)
    return supervise(config, args.workers) if args.workers > 1 else serve(config)


def _demo(args: argparse.Namespace) -> int:
    from bot.demo import run_demo

    return run_demo(args.port, args.data, chat=not args.no_chat)


def _chat(args: argparse.Namespace) -> int:
    from bot.simulator.chat import ChatOptions, run_chat

    options = ChatOptions(args.channel, args.user, args.url, args.script, args.json)
    return run_chat(_load(args.config), options)


def _scheduler(args: argparse.Namespace) -> int:
    from scheduler import run_scheduler

    return run_scheduler(_load(args.config))


def _mock_api(args: argparse.Namespace) -> int:
    import asyncio

    from mockwechat import MockData, run_mock_api

    print(f"mock WeChat API on http://{args.host}:{args.port}  (calls: /_mock/calls)")
    print(MockData.demo().describe())
    asyncio.run(run_mock_api(args.host, args.port))
    return 0
