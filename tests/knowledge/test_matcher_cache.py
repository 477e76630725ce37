"""Repeated texts reuse their result; a matcher without the cache matches every time."""

from __future__ import annotations

from knowledge import Matcher, load_knowledge


def test_a_repeated_text_returns_the_same_result_and_the_cache_is_bounded():
    kb = load_knowledge(None)
    matcher = Matcher(kb, recent=2)
    first = matcher.match("怎么退货")
    assert matcher.match("怎么退货") is first
    matcher.match("运费多少")
    matcher.match("可以开发票吗")  # pushes 怎么退货 out
    again = matcher.match("怎么退货")
    assert again is not first and again == first


def test_without_the_cache_every_match_is_computed():
    matcher = Matcher(load_knowledge(None), recent=0)
    assert matcher.match("你好") is not matcher.match("你好")


def test_a_repeated_spelling_is_fixed_once_and_that_cache_is_bounded(monkeypatch):
    matcher = Matcher(load_knowledge(None), recent=2)
    fixes: list[str] = []
    fix = matcher._typos.fix

    def counted(text, cut):
        fixes.append(text)
        return fix(text, cut)

    monkeypatch.setattr(matcher._typos, "fix", counted)
    assert matcher.spelled("雾霾兰有吗") == matcher.spelled("雾霾兰有吗") == "雾霾蓝有吗"
    assert fixes == ["雾霾兰有吗"]
    matcher.spelled("冲电宝")
    matcher.spelled("你好")  # pushes 雾霾兰有吗 out
    assert matcher.spelled("雾霾兰有吗") == "雾霾蓝有吗"
    assert fixes == ["雾霾兰有吗", "冲电宝", "你好", "雾霾兰有吗"]
