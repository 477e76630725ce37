"""A bad config file → exit code 2 and a message naming the key; secrets may come from the env."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli import main
from bot.config import load_config

EXAMPLE = Path(__file__).resolve().parents[2] / "config.example.toml"


def test_the_example_config_is_valid_and_documents_every_key():
    config = load_config(EXAMPLE, environ={})
    assert config.server.reply_budget_s == 4.0
    text = EXAMPLE.read_text(encoding="utf-8")
    for section in (
        "server",
        "oa",
        "wecom",
        "kf",
        "storage",
        "knowledge",
        "api",
        "shop",
        "compliance",
        "scheduler",
    ):
        for key in vars(getattr(config, section)):
            assert f"\n{key} =" in text or f"\n# {key} =" in text, f"{section}.{key} undocumented"


@pytest.mark.parametrize(
    ("toml", "key"),
    [
        ("[server]\nport = 70000\n", "server.port"),
        ('[server]\nport = "80"\n', "server.port"),
        ("[server]\nreply_budget_s = 6\n", "server.reply_budget_s"),
        ("[server]\nmax_clock_skew_s = -1\n", "server.max_clock_skew_s"),
        ("[server]\nmax_body_bytes = 10\n", "server.max_body_bytes"),
        ('[server]\nlog_format = "xml"\n', "server.log_format"),
        ("[server]\nprot = 80\n", "server.prot"),
        ('[oa]\nencoding_aes_key = "short"\n', "oa.encoding_aes_key"),
        ('[wecom]\nstaff = "zhangsan"\n', "wecom.staff"),
        ('[storage]\nstate = "mysql://x"\n', "storage.state"),
        ('[storage]\ndatabase = "oracle://x"\n', "storage.database"),
        ('[api]\noa_base_url = "ftp://x"\n', "api.oa_base_url"),
        ("[shops]\nname = 1\n", "shops"),
        ('[shop]\npay_url_template = "https://pay/x"\n', "shop.pay_url_template"),
        ('[compliance]\nmode = "shout"\n', "compliance.mode"),
        ('[compliance]\nquiet_hours = "late"\n', "compliance.quiet_hours"),
        ('[scheduler]\ntimezone = "Mars/Olympus"\n', "scheduler.timezone"),
        ('[scheduler]\nenabled = "yes"\n', "scheduler.enabled"),
        ('[[campaigns]]\nname = "x"\ncron = "0 20 * *"\ntext = "hi"\n', "campaigns[0].cron"),
        ('[[campaigns]]\nname = "x"\ncron = "0 20 * * *"\n', "campaigns[0]"),
        ('[[campaigns]]\nname = "x"\ncron = "99 * * * *"\ntext = "hi"\n', "campaigns[0].cron"),
        ('[storage]\ndatabase = "sqlite://data/x.db"\n', "storage.database"),
        ('[storage]\ndatabase = "sqlite:///"\n', "storage.database"),
        ('[oa]\nencoding_aes_key = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"\n', "oa.app_id"),
        ('[wecom]\ntoken = "t"\ncorp_id = "ww1"\nagent_id = 1\n', "wecom.encoding_aes_key"),
        (
            '[wecom]\ntoken = "t"\ncorp_id = "ww1"\nsecret = "s"\n'
            'encoding_aes_key = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"\n',
            "wecom.agent_id",
        ),
        ('[oa]\napp_id = "wx1"\ntoken = "t"\n', "oa.app_secret"),
        ('[oa]\napp_secret = "s"\ntoken = "t"\n', "oa.app_id"),
        (
            '[wecom]\ntoken = "t"\ncorp_id = "ww1"\nagent_id = 1\n'
            'encoding_aes_key = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"\n',
            "wecom.secret",
        ),
        ("[server]\nport = 8080\n", "oa.token"),  # no channel at all
    ],
)
def test_bad_config_exits_2_naming_the_key(tmp_path, capsys, toml, key):
    path = tmp_path / "bad.toml"
    path.write_text(toml, encoding="utf-8")
    assert main(["serve", "--config", str(path)]) == 2
    assert key in capsys.readouterr().err


def test_unparsable_and_missing_files_exit_2(tmp_path, capsys):
    path = tmp_path / "broken.toml"
    path.write_text("[server\nport=", encoding="utf-8")
    assert main(["serve", "--config", str(path)]) == 2
    assert "not valid TOML" in capsys.readouterr().err
    assert main(["serve", "--config", str(tmp_path / "nope.toml")]) == 2


def test_secrets_from_the_environment_override_the_file(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text('[oa]\napp_secret = "from-file"\n', encoding="utf-8")
    config = load_config(path, environ={"SHOPBOT_OA_APP_SECRET": "from-env"})
    assert config.oa.app_secret == "from-env"


def test_relative_paths_are_relative_to_the_config_file(tmp_path, monkeypatch):
    from bot.config import database_url, knowledge_dir

    folder = tmp_path / "etc"
    folder.mkdir()
    path = folder / "shop.toml"
    path.write_text(
        '[storage]\ndatabase = "sqlite:///data/shop.sqlite3"\n[knowledge]\ndir = "kb"\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)  # the working directory is elsewhere
    config = load_config(path, environ={})
    assert database_url(config) == f"sqlite:///{(folder / 'data' / 'shop.sqlite3').as_posix()}"
    assert (folder / "data").is_dir()
    assert knowledge_dir(config) == folder / "kb"
