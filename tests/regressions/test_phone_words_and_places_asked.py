"""The phone said by its maker's Chinese name (苹果15, 苹果手机) is the phone, never the fruit;
a place asked about with a question (寄到成都 多久到呢) is about delivery, never an address."""

from tests.dialogs.transcript import Shop


async def test_the_phone_by_its_chinese_name_finds_no_fruit(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 10000和20000的差多少钱 分别能充几次苹果15
        <! 红富士
        <! 冰糖心
        """
    )


async def test_a_phone_question_on_a_list_of_chargers_stays_on_them(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 充电宝
        > 苹果手机能用吗
        < 适配iPhone
        <! 红富士
        > 苹果14 pro能用吗
        <! 红富士
        <! 冰糖心
        """
    )


async def test_apples_by_weight_are_still_the_fruit(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 苹果10斤多少钱
        < 苹果
        <! iPhone15液态硅胶手机壳
        """
    )


async def test_a_place_asked_about_is_a_delivery_question(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 充电宝
        > 要白色的一个
        < 您要哪一款
        > 寄到成都 多久到呢
        < 2-4天
        <! 收货信息记下了
        > 要黑色的一个
        > 寄到杭州 几天能到啊
        < 1-2天
        <! 收货信息记下了
        """
    )
