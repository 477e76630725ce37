"""A product named by its exact name ("我要仨芒果干") is that product, though the words also fit
another (海南贵妃芒), and the count and the receiver that follow are kept."""

from __future__ import annotations

from tests.dialogs.conftest import knowledge, make_shop, pinned_today  # noqa: F401


async def test_an_exact_name_with_a_count_is_ordered(make_shop) -> None:  # noqa: F811
    chat = (await make_shop()).chat()
    await chat.run(
        """
        > 我要仨芒果干
        < 芒果干
        <! 海南贵妃芒
        > 寄到四川省成都市武侯区天府大道500号 陈七 15800003333
        < 收货人、手机号、地址记下了
        < 请选择规格
        > 200g
        < 芒果干（规格:200g） ×3
        > 结算
        < 收货人：陈* 158****3333
        """
    )
