"""The [kf] section: a half-configured channel stops start-up naming the key."""

from __future__ import annotations

import pytest

from bot.cli import main
from bot.config import load_config

AES = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"
WECOM = '[wecom]\ncorp_id = "ww1"\nsecret = "s"\n'


@pytest.mark.parametrize(
    ("toml", "key"),
    [
        ('[kf]\ntoken = "t"\nopen_kfids = ["wk1"]\n' + WECOM, "kf.encoding_aes_key"),
        (f'[kf]\ntoken = "t"\nencoding_aes_key = "{AES}"\nopen_kfids = ["wk1"]\n', "wecom.corp_id"),
        (f'[kf]\ntoken = "t"\nencoding_aes_key = "{AES}"\n' + WECOM, "kf.open_kfids"),
        (
            f'[kf]\ntoken = "t"\nencoding_aes_key = "{AES}"\nopen_kfids = ["wk1"]\n'
            '[wecom]\ncorp_id = "ww1"\n',
            "kf.secret",
        ),
        ('[kf]\nencoding_aes_key = "short"\n', "kf.encoding_aes_key"),
        ('[kf]\nopen_kfids = "wk1"\n', "kf.open_kfids"),
        ('[kf]\nopen_kfids = ["wk 1"]\n', "kf.open_kfids"),
        ('[kf]\nservicers = [""]\n', "kf.servicers"),
        ("[kf]\npoll_interval_s = 5\n", "kf.poll_interval_s"),
        ("[kf]\npoll_interval_s = -1\n", "kf.poll_interval_s"),
        ('[kf]\nsecert = "x"\n', "kf.secert"),
    ],
)
def test_bad_kf_config_exits_2_naming_the_key(tmp_path, capsys, toml, key):
    path = tmp_path / "bad.toml"
    path.write_text(toml, encoding="utf-8")
    assert main(["serve", "--config", str(path)]) == 2
    assert key in capsys.readouterr().err


def test_kf_secrets_may_come_from_the_environment(tmp_path):
    path = tmp_path / "kf.toml"
    path.write_text(
        f'[kf]\nencoding_aes_key = "{AES}"\nopen_kfids = ["wk1"]\npoll_interval_s = 0\n' + WECOM,
        encoding="utf-8",
    )
    config = load_config(path, environ={"SHOPBOT_KF_TOKEN": "t", "SHOPBOT_KF_SECRET": "k"})
    assert (config.kf.token, config.kf.secret, config.kf.open_kfids) == ("t", "k", ("wk1",))
    assert config.kf.poll_interval_s == 0


def test_a_kf_only_setup_is_a_channel(tmp_path):
    from bot.config import require_a_channel

    path = tmp_path / "kf.toml"
    path.write_text(
        f'[kf]\ntoken = "t"\nencoding_aes_key = "{AES}"\nopen_kfids = ["wk1"]\n' + WECOM,
        encoding="utf-8",
    )
    require_a_channel(load_config(path, environ={}))  # no ConfigError: 微信客服 alone will do
