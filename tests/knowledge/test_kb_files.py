"""The knowledge file formats: the demo shop loads, and every mistake is reported with file:line."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from knowledge import INTENT_IDS, KbIssue, KnowledgeBase, KnowledgeError, load_knowledge

Edit = Callable[[str, str, str], Path]
LineOf = Callable[[Path, str], int]


def problems(folder: Path) -> list[KbIssue]:
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(folder)
    return caught.value.errors


def only(folder: Path) -> KbIssue:
    found = problems(folder)
    assert len(found) == 1, found
    return found[0]


class TestDemoShop:
    def test_has_the_promised_size(self, demo_kb: KnowledgeBase) -> None:
        assert len(demo_kb.products) >= 150
        assert len(demo_kb.faqs) >= 60
        assert set(demo_kb.intents) == set(INTENT_IDS)
        assert demo_kb.categories == [
            "服饰",
            "美妆个护",
            "零食",
            "水果生鲜",
            "家居日用",
            "数码配件",
        ]
        for category in demo_kb.categories:
            assert len(demo_kb.products_in(category)) >= 20

    def test_products_have_specs_stock_and_prices_in_fen(self, demo_kb: KnowledgeBase) -> None:
        tee = demo_kb.products["AP-1001"]
        assert tee.price_fen == 5900
        assert tee.specs["尺码"] == ("S", "M", "L", "XL", "XXL")
        assert tee.specs["颜色"][0] == "白色"
        assert "T恤" in tee.aliases
        assert tee.image_url.startswith("https://")
        assert any(not p.in_stock for p in demo_kb.products.values())
        assert all(
            isinstance(p.price_fen, int) and p.price_fen > 0 for p in demo_kb.products.values()
        )

    def test_products_are_immutable(self, demo_kb: KnowledgeBase) -> None:
        tee = demo_kb.products["AP-1001"]
        with pytest.raises(AttributeError):
            tee.price_fen = 1  # type: ignore[misc]
        with pytest.raises(TypeError):
            tee.specs["颜色"] = ("紫色",)  # type: ignore[index]
        with pytest.raises(TypeError):
            demo_kb.products["X"] = tee  # type: ignore[index]

    def test_faq_covers_the_shop_topics(self, demo_kb: KnowledgeBase) -> None:
        prefixes = {faq_id.split(".")[0] for faq_id in demo_kb.faqs}
        assert {"ship", "return", "invoice", "pay", "member", "coupon", "promo"} <= prefixes
        assert all(len(f.questions) >= 3 for f in demo_kb.faqs.values())

    def test_promotions_and_coupons(self, demo_kb: KnowledgeBase) -> None:
        day = date(2025, 6, 1)
        best = demo_kb.best_promotion(25_000, day)
        assert best is not None and best.discount_for(25_000, day) == 2000
        assert demo_kb.best_promotion(5_000, day) is None
        coupon = demo_kb.find_coupon(" xiaohe10 ")
        assert coupon is not None and coupon.code == "XIAOHE10"
        assert coupon.discount_for(9_900, day) == 1000
        assert coupon.discount_for(9_899, day) == 0
        assert coupon.discount_for(9_900, date(2023, 12, 31)) == 0  # before it starts
        assert coupon.discount_for(9_900, date(2040, 1, 1)) == 1000  # no end date: the demo runs
        assert demo_kb.find_coupon("NOPE") is None

    def test_summary_names_the_counts(self, demo_kb: KnowledgeBase) -> None:
        assert "157 products" in demo_kb.summary()


class TestProductsCsv:
    def test_price_must_be_whole_fen(self, shop_copy: Path, edit: Edit, line_of: LineOf) -> None:
        path = edit("products.csv", ",5900,320,", ",59.00,320,")
        issue = only(shop_copy)
        assert (Path(issue.file).name, issue.line) == ("products.csv", line_of(path, "AP-1001"))
        assert "price_fen" in issue.message and "5990" in issue.message

    def test_duplicate_sku(self, shop_copy: Path, edit: Edit, line_of: LineOf) -> None:
        path = edit("products.csv", "AP-1002,", "AP-1001,")
        issue = only(shop_copy)
        assert issue.line == line_of(path, "重磅连帽卫衣")
        assert "duplicate sku" in issue.message and "line 2" in issue.message

    def test_unknown_category(self, shop_copy: Path, edit: Edit, line_of: LineOf) -> None:
        path = edit(
            "products.csv", "AP-1003,女士高腰直筒牛仔裤,服饰", "AP-1003,女士高腰直筒牛仔裤,衣服"
        )
        issue = only(shop_copy)
        assert issue.line == line_of(path, "AP-1003")
        assert "'衣服'" in issue.message

    def test_bad_specs(self, shop_copy: Path, edit: Edit, line_of: LineOf) -> None:
        path = edit("products.csv", "颜色:燕麦色|黑色|雾霾蓝;", "颜色 燕麦色;")
        issue = only(shop_copy)
        assert issue.line == line_of(path, "AP-1002")
        assert "specs" in issue.message

    def test_full_width_spec_separators_are_accepted(self, shop_copy: Path, edit: Edit) -> None:
        edit("products.csv", "颜色:燕麦色|黑色|雾霾蓝;尺码:", "颜色：燕麦色｜黑色｜雾霾蓝；尺码：")
        kb = load_knowledge(shop_copy)
        assert kb.products["AP-1002"].specs["颜色"] == ("燕麦色", "黑色", "雾霾蓝")

    def test_missing_column(self, shop_copy: Path, edit: Edit) -> None:
        edit(
            "products.csv",
            "sku,name,category,brand,price_fen,stock",
            "sku,name,category,brand,stock",
        )
        issue = problems(shop_copy)[0]
        assert (issue.line, "missing column(s): price_fen") == (1, issue.message)

    def test_stray_comma(self, shop_copy: Path, edit: Edit, line_of: LineOf) -> None:
        path = edit("products.csv", "AP-1004,男士商务休闲裤,", "AP-1004,男士商务,休闲裤,")
        issue = only(shop_copy)
        assert issue.line == line_of(path, "AP-1004") and "cells" in issue.message

    def test_excel_bom_is_fine_but_gbk_is_explained(self, shop_copy: Path) -> None:
        path = shop_copy / "products.csv"
        text = path.read_text(encoding="utf-8")
        path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
        assert len(load_knowledge(shop_copy).products) == 157
        path.write_bytes(text.encode("gbk", errors="replace"))
        issue = only(shop_copy)
        assert issue.line == 2 and "UTF-8" in issue.message

    def test_page_url_is_optional_https_and_read(self, demo_kb: KnowledgeBase) -> None:
        assert demo_kb.products["AP-1001"].page_url == "https://shop.example.com/p/AP-1001"
        assert all(p.page_url.startswith("https://") for p in demo_kb.products.values())
        assert demo_kb.warnings == ()

    def test_page_url_must_be_https(self, shop_copy: Path, edit: Edit, line_of: LineOf) -> None:
        path = edit("products.csv", "https://shop.example.com/p/AP-1002", "http://x.cn/AP-1002")
        issue = only(shop_copy)
        assert issue.line == line_of(path, "AP-1002,") and "page_url" in issue.message

    def test_a_missing_page_url_is_a_warning_not_an_error(
        self, shop_copy: Path, edit: Edit, line_of: LineOf
    ) -> None:
        path = edit("products.csv", ",https://shop.example.com/p/AP-1003", ",")
        kb = load_knowledge(shop_copy)
        assert kb.products["AP-1003"].page_url == ""
        [warning] = kb.warnings
        assert (
            warning.line == line_of(path, "AP-1003,")
            and "AP-1003 has no page_url" in warning.message
        )

    def test_every_problem_is_reported_at_once(self, shop_copy: Path, edit: Edit) -> None:
        edit("products.csv", ",5900,320,", ",59.00,320,")
        edit("products.csv", ",15900,186,", ",15900,-1,")
        edit("faq.toml", 'intent = "product_info"', 'intent = "shipping"')
        files = [(Path(i.file).name, i.line) for i in problems(shop_copy)]
        assert files == [("products.csv", 2), ("products.csv", 3), ("faq.toml", 8)]


class TestFactsToml:
    def test_the_demo_shop_has_facts_topics_and_attribute_words(
        self, demo_kb: KnowledgeBase
    ) -> None:
        cup = demo_kb.products["HM-5001"]
        assert "保温时长" in cup.facts and "保温时长" in demo_kb.topics
        assert any(w.name == "性别" and w.value == "女" for w in demo_kb.attribute_words)

    def test_unknown_sku_is_an_error_with_its_line(
        self, shop_copy: Path, edit: Edit, line_of: LineOf
    ) -> None:
        path = edit("facts.toml", 'sku = "AP-1002"', 'sku = "AP-9999"')
        issue = only(shop_copy)
        assert (Path(issue.file).name, issue.line) == ("facts.toml", line_of(path, "AP-9999"))
        assert "AP-9999" in issue.message

    def test_unknown_topic_and_long_facts_are_errors(
        self, shop_copy: Path, edit: Edit, line_of: LineOf
    ) -> None:
        path = edit("facts.toml", '"尺码建议" = "落肩', '"尺码" = "落肩')
        issue = only(shop_copy)
        assert issue.line == line_of(path, '"尺码" = "落肩') and "unknown topic" in issue.message
        edit("facts.toml", '"尺码" = "落肩', '"尺码建议" = "' + "很长" * 200)
        assert "300" in only(shop_copy).message

    def test_a_fact_naming_a_size_the_product_is_not_sold_in(
        self, shop_copy: Path, edit: Edit, line_of: LineOf
    ) -> None:
        path = edit("facts.toml", "100/110/120/130/140。", "110/120/130/140/150。")
        issue = only(shop_copy)
        assert (Path(issue.file).name, issue.line) == ("facts.toml", line_of(path, "/150。"))
        assert "150" in issue.message and "AP-1017" in issue.message

    def test_a_size_chart_entry_the_product_is_not_sold_in(
        self, shop_copy: Path, edit: Edit, line_of: LineOf
    ) -> None:
        path = edit("facts.toml", "XXL：185-190cm", "XXXL：185-190cm")
        issue = only(shop_copy)
        assert issue.line == line_of(path, "XXXL：185-190cm") and "XXXL" in issue.message

    def test_a_broken_product_row_is_one_problem_not_two(
        self, shop_copy: Path, edit: Edit, line_of: LineOf
    ) -> None:
        # AP-1002 has facts: its broken row is reported once, in products.csv
        path = edit("products.csv", ",15900,186,", ",15900,-1,")
        issue = only(shop_copy)
        assert (Path(issue.file).name, issue.line) == ("products.csv", line_of(path, "AP-1002"))

    def test_a_fact_for_a_product_that_is_not_in_the_file_at_all(
        self, shop_copy: Path, edit: Edit
    ) -> None:
        edit("products.csv", "AP-1002,", "AP-1002X,")
        issue = only(shop_copy)
        assert Path(issue.file).name == "facts.toml" and "'AP-1002'" in issue.message


class TestTomlFiles:
    def test_syntax_error_names_the_line(
        self, shop_copy: Path, edit: Edit, line_of: LineOf
    ) -> None:
        path = edit("faq.toml", 'id = "ship.sf"', 'id = "ship.sf')
        issue = only(shop_copy)
        assert (Path(issue.file).name, issue.line) == ("faq.toml", line_of(path, 'id = "ship.sf'))
        assert "TOML syntax error" in issue.message

    def test_unknown_intent_in_faq(self, shop_copy: Path, edit: Edit, line_of: LineOf) -> None:
        path = edit("faq.toml", 'intent = "invoice"', 'intent = "invoices"')
        issue = only(shop_copy)
        assert issue.line == line_of(path, 'intent = "invoices"')

    def test_duplicate_faq_id(self, shop_copy: Path, edit: Edit) -> None:
        path = edit("faq.toml", 'id = "ship.carrier"', 'id = "ship.when"')
        lines = path.read_text(encoding="utf-8").splitlines()
        second = [n for n, text in enumerate(lines, 1) if text == 'id = "ship.when"'][1]
        issue = only(shop_copy)
        assert (issue.line, issue.message) == (second, "duplicate FAQ id 'ship.when'")

    def test_question_in_two_faqs(self, shop_copy: Path, edit: Edit, line_of: LineOf) -> None:
        path = edit("faq.toml", '"能发顺丰吗", ', '"能发顺丰吗", "什么时候发货", ')
        issue = only(shop_copy)
        assert issue.line == line_of(path, '"能发顺丰吗", "什么时候发货"')
        assert issue.message == "question '什么时候发货' also belongs to 'ship.when'"

    def test_question_that_does_not_say_what_its_answer_needs(
        self, shop_copy: Path, edit: Edit, line_of: LineOf
    ) -> None:
        path = edit("faq.toml", '"能发顺丰吗", ', '"能发顺丰吗", "能加钱发快一点吗", ')
        issue = only(shop_copy)
        assert issue.line == line_of(path, '"能加钱发快一点吗"')
        assert issue.message == "question '能加钱发快一点吗' says none of '顺丰|顺风' (needs)"

    def test_missing_answer_and_unknown_key(
        self, shop_copy: Path, edit: Edit, line_of: LineOf
    ) -> None:
        path = edit("faq.toml", 'answer = "可以。普通商品补12元', 'anwser = "可以。普通商品补12元')
        found = problems(shop_copy)
        messages = sorted(i.message for i in found)
        assert any("unknown key 'anwser'" in m for m in messages)
        assert any("missing 'answer'" in m for m in messages)
        assert {i.line for i in found} == {
            line_of(path, "anwser"),
            line_of(path, 'id = "ship.sf"') - 1,
        }

    def test_bad_regex_in_intents(self, shop_copy: Path, edit: Edit, line_of: LineOf) -> None:
        path = edit("intents.toml", '"满\\\\d+减\\\\d+"', '"满(\\\\d+减"')
        issue = only(shop_copy)
        assert (
            issue.line == line_of(path, '"满(\\\\d+减"') and "regular expression" in issue.message
        )

    def test_unknown_and_missing_intents(
        self, shop_copy: Path, edit: Edit, line_of: LineOf
    ) -> None:
        path = edit("intents.toml", 'id = "payment"', 'id = "paying"')
        found = problems(shop_copy)
        assert [i.line for i in found] == [line_of(path, 'id = "paying"'), 1]
        assert "unknown intent 'paying'" in found[0].message
        assert found[1].message == "intents missing: payment"

    def test_promotion_rules(self, shop_copy: Path, edit: Edit, line_of: LineOf) -> None:
        path = edit(
            "promotions.toml", "discount_fen = 2000\nstarts", "discount_fen = 20000\nstarts"
        )
        edit("promotions.toml", 'code = "NEWBIE15"', 'code = "NEW-15"')
        found = problems(shop_copy)
        assert [(i.line, i.message) for i in found] == [
            (line_of(path, "discount_fen = 20000"), "discount_fen must be less than threshold_fen"),
            (
                line_of(path, 'code = "NEW-15"'),
                "coupon code 'NEW-15' must be 4-20 letters or digits",
            ),
        ]

    def test_promotions_file_is_optional(self, shop_copy: Path) -> None:
        (shop_copy / "promotions.toml").unlink()
        kb = load_knowledge(shop_copy)
        assert kb.promotions == () and not kb.coupons


class TestSynonymsAndFolder:
    def test_a_word_in_two_groups(self, shop_copy: Path, line_of: LineOf) -> None:
        path = shop_copy / "synonyms.txt"
        path.write_text(path.read_text(encoding="utf-8") + "不想要 退掉\n", encoding="utf-8")
        issue = only(shop_copy)
        assert issue.line == line_of(path, "不想要 退掉")
        assert (
            issue.message == f"'退掉' is already in the group on line {line_of(path, '退货 退掉')}"
        )

    def test_a_lonely_word(self, shop_copy: Path) -> None:
        path = shop_copy / "synonyms.txt"
        path.write_text("# comment\n\n快递 物流\n孤单\n", encoding="utf-8")
        issue = only(shop_copy)
        assert (issue.line, issue.message) == (4, "'孤单' has no synonym on its line")

    def test_missing_file_and_folder(self, shop_copy: Path, tmp_path: Path) -> None:
        (shop_copy / "faq.toml").unlink()
        issue = only(shop_copy)
        assert (Path(issue.file).name, issue.line, issue.message) == (
            "faq.toml",
            1,
            "file is missing",
        )
        assert "does not exist" in only(tmp_path / "nowhere").message

    def test_error_text_is_file_line_message(self) -> None:
        error = KnowledgeError([KbIssue("a.csv", 3, "bad"), KbIssue("b.toml", 1, "worse")])
        assert str(error) == "a.csv:3: bad\nb.toml:1: worse"
        assert [e.line for e in error.errors] == [3, 1]
