"""An FAQ or product fact is reached wherever and however it is asked: an FAQ question said word
for word wins over a 人工/other tie, shop topics (会员) are no goods the shop lacks, a menu line
never trails an unrelated answer, an open list or form never swallows a question the FAQ
answers, and a product's facts, description and the shop's promotions answer questions about
them in the shopper's own words."""

from __future__ import annotations

from tests.dialogs.transcript import Shop


async def test_service_questions_that_mention_a_human(shop: Shop) -> None:
    shopper = shop.chat("u-service")
    await shopper.run(
        """
        > 客服电话多少
        < 没有对外的客服热线
        <! 没学会
        <! 正在为您转接
        > 周末有人工吗
        < 9:00-22:00
        <! 没学会
        <! 正在为您转接
        > 节假日有人工客服吗
        < 9:00-22:00
        <! 正在为您转接
        > 你们电话是多少
        < 没有对外的客服热线
        """
    )


async def test_shop_questions_in_other_words(shop: Shop) -> None:
    shopper = shop.chat("u-shop-words")
    await shopper.run(
        """
        > 仓库在哪个城市
        < 浙江嘉兴
        > 你们在哪个城市发货
        < 浙江嘉兴
        > 那信用卡可以吧
        < 信用卡
        <! 没学会
        > 可以刷信用卡吗
        < 信用卡
        > 专票要提供啥资料
        < 公司全称 税号
        > 开专票需要什么信息
        < 公司全称 税号
        """
    )


async def test_membership_is_a_shop_topic_and_no_menu_trails(shop: Shop) -> None:
    shopper = shop.chat("u-member")
    await shopper.run(
        """
        > 你们有会员吗 会员打几折
        < 没有会员折扣
        <! 不卖会员
        <! 想看哪一类
        > 有会员卡吗
        <! 不卖会员
        > 逛逛
        < 想看哪一类
        > 积分能抵钱吗
        < 没有积分
        <! 想看哪一类
        > 券和满减能一起用不
        < 叠加
        <! 想看哪一类
        > 3
        < 零食
        """
    )


async def test_a_question_is_answered_under_a_gift_list(shop: Shop) -> None:
    shopper = shop.chat("u-gift-list")
    await shopper.run(
        """
        > 有什么适合送礼的
        < 1.
        > 送人的别放价格单哈
        < 不放价格单
        < 还在上面
        <! 1. 黄油曲奇礼盒
        > 下单后几天到北京
        < 2-4天
        <! 答不上来
        > 拍下几天能到上海
        < 1-2天
        > 2
        < 回复“买”下单
        """
    )


async def test_a_return_question_while_ordering_is_answered(shop: Shop) -> None:
    shopper = shop.chat("u-form-question")
    await shopper.run(
        """
        > 那我买2个呢
        < 想买哪件商品
        > 退货运费谁出啊
        < 寄回运费由买家承担
        <! 请先回复“取消”
        > 退货运费谁出
        < 寄回运费由买家承担
        <! 请先回复“取消”
        """
    )


async def test_exchange_asked_after_ordering_gets_the_exchange_policy(shop: Shop) -> None:
    shopper = shop.chat("u-exchange")
    await shopper.run(
        """
        > 来件卫衣 燕麦色 L
        > 结算
        > 孙八 13400134000 北京市朝阳区建国路99号
        > 确认
        < 下单成功
        > 那收到后还能换码吗
        < 换尺码或颜色
        <! 不需要退款
        <! 无理由退货
        > 收到了能换个颜色吗
        < 换尺码或颜色
        <! 不需要退款
        """
    )


async def test_a_pay_link_that_does_not_open_gets_help_first(shop: Shop) -> None:
    shopper = shop.chat("u-pay-broken")
    await shopper.run(
        """
        > 买一盒每日坚果 15袋装
        > 结算
        > 周九 13300133000 湖北省武汉市洪山区珞喻路1号
        > 确认
        < 下单成功
        > 你们怎么回事 付款链接打不开！！
        < 非常抱歉
        < 在微信里点开
        < pay?order=
        > 支付链接点不开
        < 在微信里点开
        < pay?order=
        <! 非常抱歉
        > 付款链接找不到了 再发一下
        < pay?order=
        <! 在微信里点开
        """
    )


async def test_product_facts_asked_in_other_words(shop: Shop) -> None:
    shopper = shop.chat("u-facts-words")
    await shopper.run(
        """
        > 保温杯能保温多久
        < 6小时后约70℃
        <! 不太确定
        > 保温杯可以保温几个小时
        < 6小时后约70℃
        > 充电宝能用多久
        < 能给iPhone15充
        """
    )


async def test_warranty_and_description_answer_on_a_card(shop: Shop) -> None:
    shopper = shop.chat("u-fryer")
    await shopper.run(
        """
        > 空气炸锅
        < 无油空气炸锅
        > 保修多久
        < 整机保修一年
        <! 不太确定
        > 质保多长时间
        < 保修一年
        <! 不太确定
        """
    )
    film = shop.chat("u-film")
    await film.run(
        """
        > 钢化膜
        < iPhone15高清钢化膜
        > 膜贴歪了怎么办
        < 贴歪可免费补发一次
        <! 答不上来
        > 贴歪了咋办
        < 补发一次
        """
    )


async def test_a_fact_that_does_not_say_the_value_asked(shop: Shop) -> None:
    shopper = shop.chat("u-skin")
    await shopper.run(
        """
        > 控油清爽啫喱面霜
        < 控油清爽啫喱面霜
        > 敏感肌能用吗
        < 没写敏感肌
        < 人工
        <! 质地是清爽的啫喱
        > 敏感肌可以用吗
        < 没写敏感肌
        > 干皮能用吗
        < 干皮
        """
    )


async def test_a_named_offer_is_explained(shop: Shop) -> None:
    shopper = shop.chat("u-offer")
    await shopper.run(
        """
        > 零食
        < 1.
        > 满99减10是怎么算的
        < 零食满99减10
        < 满99元自动减10元
        <! 答不上来
        > 满199减20怎么用
        < 满199元自动减20元
        > 满99减15是啥
        < NEWBIE15
        """
    )
