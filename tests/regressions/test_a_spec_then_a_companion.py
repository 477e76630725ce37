"""A spec said with a companion product over a list ("远峰蓝 再来张防窥膜 一样的型号"): the first
part is the product it fits (the case), the companion waits its turn, takes the model chosen
for the case, and is one when no count is said."""

from tests.dialogs.transcript import Shop


async def test_the_colour_is_the_cases_and_the_film_takes_its_model(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 有iphone的手机壳吗
        > 15pro的壳有哪些颜色
        > 远峰蓝 再来张防窥膜 一样的型号
        < iPhone15液态硅胶手机壳（型号:iPhone 15 Pro 颜色:远峰蓝） ×1
        < iPhone15高清钢化膜（型号:iPhone 15 Pro 规格:防窥） ×1
        """
    )


async def test_over_a_list_the_film_waits_for_the_cases_model(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > iphone16的手机壳有没有
        > 远峰蓝 再来张防窥膜 一样的型号
        < 先把iPhone15液态硅胶手机壳选好
        < 请选择型号
        > 2
        < iPhone15液态硅胶手机壳（型号:iPhone 15 Pro 颜色:远峰蓝） ×1
        < iPhone15高清钢化膜（型号:iPhone 15 Pro 规格:防窥） ×1
        """
    )


async def test_another_colour_with_a_plain_film(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 有iphone的手机壳吗
        > 薄荷绿 再要张高清膜
        < 先把iPhone15液态硅胶手机壳选好
        > 15 Pro Max
        < iPhone15液态硅胶手机壳（型号:iPhone 15 Pro Max 颜色:薄荷绿） ×1
        < iPhone15高清钢化膜（型号:iPhone 15 Pro Max 规格:高清） ×1
        """
    )
