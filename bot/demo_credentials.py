"""Callback credentials of the demo only; a real shop's come from its OA and WeCom consoles."""

from typing import Final

DEMO_OA_TOKEN: Final = "shopbotdemo"
DEMO_OA_AES_KEY: Final = "c2hvcGJvdCBkZW1vIGtleSBmb3IgdGhlIE9BIGNoYW4"
DEMO_WECOM_TOKEN: Final = "shopbotwecom"
DEMO_WECOM_AES_KEY: Final = "c2hvcGJvdCBkZW1vIGtleSBmb3IgV2VDb20gY2hhbm4"
DEMO_KF_TOKEN: Final = "shopbotkf"
DEMO_KF_AES_KEY: Final = "c2hvcGJvdCBkZW1vIGtleSBmb3IgdGhlIGtmIGNoYW4"
