"""Issue 14, items 6 and 7.

6: the callback parser kept only the last of repeated siblings, so a picture event with two or
more pictures got 400 (WeChat shows that to the shopper) and member lists lost all but one entry.
7: two different events of one user in one second were taken for a retry when they differed
only in a field outside the dedup key (EventKey of a CLICK, JobId, a tag's Id, MsgID).
"""

from __future__ import annotations

from collections import Counter

import pytest

from bot.gateway import create_app
from bot.protocol import Inbound
from bot.protocol.oa import to_inbound as oa_inbound
from bot.protocol.wecom import to_inbound as wecom_inbound
from bot.protocol.xmlsafe import parse_tree
from bot.router import Router
from bot.simulator import CallbackBuilder
from bot.step import Context, Step
from tests.factories import sample_config

PICTURES = "".join(f"<item><PicMd5Sum><![CDATA[md5-{i}]]></PicMd5Sum></item>" for i in range(3))


def _oa_event(event: str, body: str, when: int = 1700000000, user: str = "oShopper") -> str:
    return (
        f"<xml><ToUserName>gh_x</ToUserName><FromUserName>{user}</FromUserName>"
        f"<CreateTime>{when}</CreateTime><MsgType>event</MsgType>"
        f"<Event><![CDATA[{event}]]></Event>{body}</xml>"
    )


def _wecom_event(event: str, body: str, when: int = 1700000000) -> str:
    return (
        f"<xml><ToUserName>corp</ToUserName><FromUserName>sys</FromUserName>"
        f"<CreateTime>{when}</CreateTime><MsgType>event</MsgType>"
        f"<Event><![CDATA[{event}]]></Event>{body}</xml>"
    )


@pytest.mark.parametrize("event", ["pic_sysphoto", "pic_photo_or_album", "pic_weixin"])
async def test_a_picture_event_with_several_pictures_is_answered_200(aiohttp_client, event):
    config = sample_config()
    client = await aiohttp_client(create_app(config))
    xml = _oa_event(
        event,
        f"<EventKey>6</EventKey><SendPicsInfo><Count>3</Count><PicList>{PICTURES}</PicList>"
        "</SendPicsInfo>",
    )
    callback = CallbackBuilder(config, "oa").wrap(xml)
    response = await client.post(callback.path, params=callback.query, data=callback.body)
    assert response.status == 200


def test_every_picture_and_member_is_kept():
    xml = _oa_event(
        "pic_weixin",
        f"<SendPicsInfo><Count>3</Count><PicList>{PICTURES}</PicList></SendPicsInfo>",
    )
    pictures = oa_inbound(parse_tree(xml)).entries("SendPicsInfo.PicList.item")
    assert [p["PicMd5Sum"] for p in pictures] == ["md5-0", "md5-1", "md5-2"]
    members = "".join(f"<Item>wm{i}</Item>" for i in range(4))
    chat = _wecom_event(
        "change_external_chat",
        "<ChatId>wrChat</ChatId><ChangeType>update</ChangeType>"
        f"<UpdateDetail>del_member</UpdateDetail><MemChangeList>{members}</MemChangeList>",
    )
    assert wecom_inbound(parse_tree(chat)).entries("MemChangeList.Item") == (
        "wm0",
        "wm1",
        "wm2",
        "wm3",
    )


def _oa(xml: str) -> Inbound:
    return oa_inbound(parse_tree(xml))


def _wecom(xml: str) -> Inbound:
    return wecom_inbound(parse_tree(xml))


DISTINCT_PAIRS = {
    "two menu clicks": (
        _oa,
        _oa_event("CLICK", "<EventKey>MENU_ORDERS</EventKey>"),
        _oa_event("CLICK", "<EventKey>MENU_HELP</EventKey>"),
    ),
    "two template-send results": (
        _oa,
        _oa_event("TEMPLATESENDJOBFINISH", "<MsgID>1001</MsgID><Status>success</Status>"),
        _oa_event("TEMPLATESENDJOBFINISH", "<MsgID>1002</MsgID><Status>success</Status>"),
    ),
    "two batch jobs": (
        _wecom,
        _wecom_event("batch_job_result", "<BatchJob><JobId>J1</JobId></BatchJob>"),
        _wecom_event("batch_job_result", "<BatchJob><JobId>J2</JobId></BatchJob>"),
    ),
    "two tag changes": (
        _wecom,
        _wecom_event("change_external_tag", "<Id>T1</Id><ChangeType>create</ChangeType>"),
        _wecom_event("change_external_tag", "<Id>T2</Id><ChangeType>create</ChangeType>"),
    ),
    "two member lists": (
        _wecom,
        _wecom_event("change_external_chat", "<MemChangeList><Item>a</Item></MemChangeList>"),
        _wecom_event("change_external_chat", "<MemChangeList><Item>b</Item></MemChangeList>"),
    ),
}


@pytest.mark.parametrize("pair", DISTINCT_PAIRS.values(), ids=DISTINCT_PAIRS)
def test_events_of_one_second_that_differ_get_different_keys(pair):
    parse, first, second = pair
    one, other = parse(first), parse(second)
    assert one.received_at == other.received_at and one.event == other.event
    assert one.dedup_key != other.dedup_key


@pytest.mark.parametrize("pair", DISTINCT_PAIRS.values(), ids=DISTINCT_PAIRS)
def test_a_true_retry_keeps_its_key(pair):
    parse, first, _ = pair
    assert parse(first).dedup_key == parse(first).dedup_key  # WeChat resends field for field


async def test_two_clicks_in_one_second_both_run_and_a_resend_does_not(aiohttp_client):
    runs: Counter[str] = Counter()

    def router(services) -> Router:
        r = Router()

        @r.event("click")
        async def click(msg: Inbound, ctx: Context) -> Step:
            runs[msg.event_key] += 1
            return Step.say(f"菜单 {msg.event_key}")

        return r

    config = sample_config()
    client = await aiohttp_client(create_app(config, router_factory=router))
    builder = CallbackBuilder(config, "oa")
    orders = builder.wrap(_oa_event("CLICK", "<EventKey>MENU_ORDERS</EventKey>"))
    help_ = builder.wrap(_oa_event("CLICK", "<EventKey>MENU_HELP</EventKey>"))
    for callback in (orders, help_, orders):
        response = await client.post(callback.path, params=callback.query, data=callback.body)
        assert response.status == 200
    assert runs == {"MENU_ORDERS": 1, "MENU_HELP": 1}
