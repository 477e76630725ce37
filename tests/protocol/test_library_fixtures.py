"""The callback parser against the XML fixtures of WeRoBot's and wechatpy's own test suites.

Each fixture is parsed by our expat parser and by xmltodict (what both libraries parse with),
and the trees must be equal (an empty element is "" for us, None for xmltodict), then handed to
the library's message class exactly as the gateway does. The XML texts are copied from
offu/WeRoBot tests/test_parser.py and wechatpy/wechatpy tests/test_events.py; the WeCom and
mass-send ones follow the layout of Tencent's callback documentation.
"""

from __future__ import annotations

from typing import Any

import pytest
import xmltodict

from bot.protocol import Kind
from bot.protocol.oa import to_inbound as oa_inbound
from bot.protocol.wecom import to_inbound as wecom_inbound
from bot.protocol.xmlsafe import parse_tree

WEROBOT_PIC_SYSPHOTO_TWO = """
<xml>
    <ToUserName><![CDATA[gh_e136c6e50636]]></ToUserName>
    <FromUserName><![CDATA[oMgHVjngRipVsoxg6TuX3vz6glDg]]></FromUserName>
    <CreateTime>1408090651</CreateTime>
    <MsgType><![CDATA[event]]></MsgType>
    <Event><![CDATA[pic_sysphoto]]></Event>
    <EventKey><![CDATA[6]]></EventKey>
    <SendPicsInfo>
        <Count>2</Count>
        <PicList>
            <item>
                <PicMd5Sum><![CDATA[1b5f7c23b5bf75682a53e7b6d163e185]]></PicMd5Sum>
            </item>
            <item>
                <PicMd5Sum><![CDATA[233]]></PicMd5Sum>
            </item>
        </PicList>
    </SendPicsInfo>
</xml>
"""

WEROBOT_PIC_PHOTO_OR_ALBUM_ONE = """
<xml>
    <ToUserName><![CDATA[gh_e136c6e50636]]></ToUserName>
    <FromUserName><![CDATA[oMgHVjngRipVsoxg6TuX3vz6glDg]]></FromUserName>
    <CreateTime>1408090816</CreateTime>
    <MsgType><![CDATA[event]]></MsgType>
    <Event><![CDATA[pic_photo_or_album]]></Event>
    <EventKey><![CDATA[6]]></EventKey>
    <SendPicsInfo>
        <Count>1</Count>
        <PicList>
            <item>
                <PicMd5Sum><![CDATA[5a75aaca956d97be686719218f275c6b]]></PicMd5Sum>
            </item>
        </PicList>
    </SendPicsInfo>
</xml>
"""

WEROBOT_LOCATION_SELECT = """
<xml>
    <ToUserName><![CDATA[gh_e136c6e50636]]></ToUserName>
    <FromUserName><![CDATA[oMgHVjngRipVsoxg6TuX3vz6glDg]]></FromUserName>
    <CreateTime>1408091189</CreateTime>
    <MsgType><![CDATA[event]]></MsgType>
    <Event><![CDATA[location_select]]></Event>
    <EventKey><![CDATA[6]]></EventKey>
    <SendLocationInfo>
        <Location_X><![CDATA[23]]></Location_X>
        <Location_Y><![CDATA[113]]></Location_Y>
        <Scale><![CDATA[15]]></Scale>
        <Label><![CDATA[广州市海珠区客村艺苑路 106号]]></Label>
        <Poiname><![CDATA[]]></Poiname>
    </SendLocationInfo>
</xml>
"""

WEROBOT_USER_GET_CARD_SPACED = """
<xml>
    <ToUserName> <![CDATA[gh_fc0a06a20993]]> </ToUserName>
    <FromUserName> <![CDATA[oZI8Fj040-be6rlDohc6gkoPOQTQ]]> </FromUserName>
    <CreateTime>1472551036</CreateTime>
    <MsgType> <![CDATA[event]]> </MsgType>
    <Event> <![CDATA[user_get_card]]> </Event>
    <CardId> <![CDATA[pZI8Fjwsy5fVPRBeD78J4RmqVvBc]]> </CardId>
    <IsGiveByFriend>0</IsGiveByFriend>
    <UserCardCode> <![CDATA[226009850808]]> </UserCardCode>
    <FriendUserName> <![CDATA[]]> </FriendUserName>
    <OuterId>0</OuterId>
</xml>
"""

WEROBOT_TEMPLATE_SEND_JOB_FINISH = """
<xml>
    <ToUserName><![CDATA[gh_7f083739789a]]></ToUserName>
    <FromUserName><![CDATA[oia2TjuEGTNoeX76QEjQNrcURxG8]]></FromUserName>
    <CreateTime>1395658920</CreateTime>
    <MsgType><![CDATA[event]]></MsgType>
    <Event><![CDATA[TEMPLATESENDJOBFINISH]]></Event>
    <MsgID>200163836</MsgID>
    <Status><![CDATA[success]]></Status>
</xml>
"""

WEROBOT_SCANCODE_PUSH = """
<xml>
    <ToUserName><![CDATA[toUser]]></ToUserName>
    <FromUserName><![CDATA[FromUser]]></FromUserName>
    <CreateTime>123456789</CreateTime>
    <MsgType><![CDATA[event]]></MsgType>
    <Event><![CDATA[scancode_push]]></Event>
    <EventKey><![CDATA[EVENTKEY]]></EventKey>
    <ScanCodeInfo>
        <ScanType><![CDATA[qrcode]]></ScanType>
        <ScanResult><![CDATA[www.qq.com]]></ScanResult>
    </ScanCodeInfo>
</xml>
"""

WECHATPY_SHAKEAROUND = """<xml>
<ToUserName><![CDATA[toUser]]></ToUserName>
<FromUserName><![CDATA[fromUser]]></FromUserName>
<CreateTime>1433332012</CreateTime>
<MsgType><![CDATA[event]]></MsgType>
<Event><![CDATA[ShakearoundUserShake]]></Event>
<ChosenBeacon>
    <Uuid><![CDATA[uuid]]></Uuid>
    <Major>major</Major>
    <Minor>minor</Minor>
    <Distance>0.057</Distance>
</ChosenBeacon>
<AroundBeacons>
    <AroundBeacon>
        <Uuid><![CDATA[uuid]]></Uuid>
        <Major>major</Major>
        <Minor>minor</Minor>
        <Distance>166.816</Distance>
    </AroundBeacon>
    <AroundBeacon>
        <Uuid><![CDATA[uuid]]></Uuid>
        <Major>major</Major>
        <Minor>minor</Minor>
        <Distance>15.013</Distance>
    </AroundBeacon>
</AroundBeacons>
</xml>"""

WECHATPY_PIC_WEIXIN = """<xml>
<ToUserName><![CDATA[gh_e136c6e50636]]></ToUserName>
<FromUserName><![CDATA[oMgHVjngRipVsoxg6TuX3vz6glDg]]></FromUserName>
<CreateTime>1408090816</CreateTime>
<MsgType><![CDATA[event]]></MsgType>
<Event><![CDATA[pic_weixin]]></Event>
<EventKey><![CDATA[6]]></EventKey>
<SendPicsInfo><Count>1</Count>
<PicList>
<item>
<PicMd5Sum><![CDATA[5a75aaca956d97be686719218f275c6b]]></PicMd5Sum>
</item>
</PicList>
</SendPicsInfo>
</xml>"""

MASS_SEND_JOB_FINISH = """<xml>
<ToUserName><![CDATA[gh_4d00ed8d6399]]></ToUserName>
<FromUserName><![CDATA[oV5CrjpxgaGXNHIQigzNlgLTnwic]]></FromUserName>
<CreateTime>1481013459</CreateTime>
<MsgType><![CDATA[event]]></MsgType>
<Event><![CDATA[MASSSENDJOBFINISH]]></Event>
<MsgID>1000001625</MsgID>
<Status><![CDATA[err(30003)]]></Status>
<TotalCount>0</TotalCount>
<FilterCount>0</FilterCount>
<SentCount>0</SentCount>
<ErrorCount>0</ErrorCount>
<CopyrightCheckResult>
<Count>2</Count>
<ResultList>
<item>
<ArticleIdx>1</ArticleIdx>
<UserDeclareState>0</UserDeclareState>
<AuditState>2</AuditState>
<OriginalArticleUrl><![CDATA[Url_1]]></OriginalArticleUrl>
<OriginalArticleType>1</OriginalArticleType>
<CanReprint>1</CanReprint>
<NeedReplaceContent>1</NeedReplaceContent>
<NeedShowReprintSource>1</NeedShowReprintSource>
</item>
<item>
<ArticleIdx>2</ArticleIdx>
<UserDeclareState>0</UserDeclareState>
<AuditState>2</AuditState>
<OriginalArticleUrl><![CDATA[Url_2]]></OriginalArticleUrl>
<OriginalArticleType>1</OriginalArticleType>
<CanReprint>1</CanReprint>
<NeedReplaceContent>1</NeedReplaceContent>
<NeedShowReprintSource>1</NeedShowReprintSource>
</item>
</ResultList>
<CheckState>2</CheckState>
</CopyrightCheckResult>
</xml>"""

WECOM_GROUP_MEMBERS_JOINED = """<xml>
<ToUserName><![CDATA[toUser]]></ToUserName>
<FromUserName><![CDATA[sys]]></FromUserName>
<CreateTime>1403610513</CreateTime>
<MsgType><![CDATA[event]]></MsgType>
<Event><![CDATA[change_external_chat]]></Event>
<ChatId><![CDATA[CHAT_ID]]></ChatId>
<ChangeType><![CDATA[update]]></ChangeType>
<UpdateDetail><![CDATA[add_member]]></UpdateDetail>
<JoinScene>1</JoinScene>
<MemChangeCnt>3</MemChangeCnt>
<MemChangeList>
<Item><![CDATA[Jack]]></Item>
<Item><![CDATA[Rose]]></Item>
<Item><![CDATA[Tom]]></Item>
</MemChangeList>
<LastMemVer><![CDATA[9c3f97c2ada667dfb5f6d03308d963e1]]></LastMemVer>
<CurMemVer><![CDATA[71217227bbd112ecfe3a49c482195cb4]]></CurMemVer>
</xml>"""

WECOM_CONTACT_EXT_ATTR = """<xml>
<ToUserName><![CDATA[toUser]]></ToUserName>
<FromUserName><![CDATA[sys]]></FromUserName>
<CreateTime>1403610513</CreateTime>
<MsgType><![CDATA[event]]></MsgType>
<Event><![CDATA[change_contact]]></Event>
<ChangeType>update_user</ChangeType>
<UserID><![CDATA[zhangsan]]></UserID>
<ExtAttr>
<Item><Name><![CDATA[爱好]]></Name><Type>0</Type><Text><Value><![CDATA[旅游]]></Value></Text></Item>
<Item><Name><![CDATA[卡号]]></Name><Type>1</Type><Web><Title><![CDATA[企业微信]]></Title><Url><![CDATA[https://work.weixin.qq.com]]></Url></Web></Item>
</ExtAttr>
</xml>"""

OA_FIXTURES = {
    "werobot pic_sysphoto, two pictures": WEROBOT_PIC_SYSPHOTO_TWO,
    "werobot pic_photo_or_album, one picture": WEROBOT_PIC_PHOTO_OR_ALBUM_ONE,
    "werobot location_select": WEROBOT_LOCATION_SELECT,
    "werobot user_get_card, spaced CDATA": WEROBOT_USER_GET_CARD_SPACED,
    "werobot TEMPLATESENDJOBFINISH": WEROBOT_TEMPLATE_SEND_JOB_FINISH,
    "werobot scancode_push": WEROBOT_SCANCODE_PUSH,
    "wechatpy ShakearoundUserShake": WECHATPY_SHAKEAROUND,
    "wechatpy pic_weixin": WECHATPY_PIC_WEIXIN,
    "MASSSENDJOBFINISH with two copyright results": MASS_SEND_JOB_FINISH,
}
WECOM_FIXTURES = {
    "change_external_chat add_member, three members": WECOM_GROUP_MEMBERS_JOINED,
    "change_contact with two ExtAttr items": WECOM_CONTACT_EXT_ATTR,
}


def _as_xmltodict_would(tree: Any) -> Any:
    if isinstance(tree, dict):
        return {k: _as_xmltodict_would(v) for k, v in tree.items()}
    if isinstance(tree, list):
        return [_as_xmltodict_would(v) for v in tree]
    return "" if tree is None else tree


@pytest.mark.parametrize(
    "xml", [*OA_FIXTURES.values(), *WECOM_FIXTURES.values()], ids=[*OA_FIXTURES, *WECOM_FIXTURES]
)
def test_the_tree_is_the_one_xmltodict_gives_the_libraries(xml: str) -> None:
    assert parse_tree(xml) == _as_xmltodict_would(xmltodict.parse(xml)["xml"])


@pytest.mark.parametrize("xml", OA_FIXTURES.values(), ids=OA_FIXTURES)
def test_every_oa_fixture_becomes_an_inbound(xml: str) -> None:
    msg = oa_inbound(parse_tree(xml))
    assert msg.kind is Kind.EVENT and msg.user and msg.received_at


def test_two_pictures_keep_both_and_one_picture_stays_one() -> None:
    two = oa_inbound(parse_tree(WEROBOT_PIC_SYSPHOTO_TWO))
    sums = [item["PicMd5Sum"] for item in two.entries("SendPicsInfo.PicList.item")]
    assert sums == ["1b5f7c23b5bf75682a53e7b6d163e185", "233"]
    one = oa_inbound(parse_tree(WEROBOT_PIC_PHOTO_OR_ALBUM_ONE))
    assert [i["PicMd5Sum"] for i in one.entries("SendPicsInfo.PicList.item")] == [
        "5a75aaca956d97be686719218f275c6b"
    ]


def test_werobot_reads_the_picture_list_as_its_own_tests_expect() -> None:
    from werobot.parser import process_message

    message = process_message(parse_tree(WEROBOT_PIC_SYSPHOTO_TWO))
    assert message.count == 2
    assert message.pic_list == [
        {"pic_md5_sum": "1b5f7c23b5bf75682a53e7b6d163e185"},
        {"pic_md5_sum": "233"},
    ]
    spaced = process_message(parse_tree(WEROBOT_USER_GET_CARD_SPACED))
    assert spaced.target == "gh_fc0a06a20993"
    assert spaced.card_id == "pZI8Fjwsy5fVPRBeD78J4RmqVvBc"


def test_wechatpy_reads_repeated_beacons_and_one_picture_as_its_own_tests_expect() -> None:
    from wechatpy.messages import MESSAGE_TYPES  # noqa: F401  (registers the event classes)
    from wechatpy.parser import parse_message

    tree_xml = WECHATPY_SHAKEAROUND
    event = parse_message(tree_xml)
    ours = type(event)(parse_tree(tree_xml))
    assert len(ours.around_beacons) == len(event.around_beacons) == 2
    picture = type(parse_message(WECHATPY_PIC_WEIXIN))(parse_tree(WECHATPY_PIC_WEIXIN))
    assert picture.pictures[0]["PicMd5Sum"] == "5a75aaca956d97be686719218f275c6b"


def test_mass_send_results_keep_every_entry() -> None:
    msg = oa_inbound(parse_tree(MASS_SEND_JOB_FINISH))
    results = msg.entries("CopyrightCheckResult.ResultList.item")
    assert [r["OriginalArticleUrl"] for r in results] == ["Url_1", "Url_2"]
    assert msg.msg_id == "1000001625"


def test_wecom_member_changes_and_ext_attrs_keep_every_entry() -> None:
    joined = wecom_inbound(parse_tree(WECOM_GROUP_MEMBERS_JOINED))
    assert joined.entries("MemChangeList.Item") == ("Jack", "Rose", "Tom")
    assert joined.extra["UpdateDetail"] == "add_member"
    contact = wecom_inbound(parse_tree(WECOM_CONTACT_EXT_ATTR))
    assert [item["Name"] for item in contact.entries("ExtAttr.Item")] == ["爱好", "卡号"]
