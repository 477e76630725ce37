"""The shop's business after the order form: notices to shoppers, after-sales that staff move,
shipping and logistics, and the changes a shopper makes after ordering.

| module | what |
|---|---|
| notify.py | tell a shopper something; held for their next message when the quota is used up |
| texts.py | how tickets, shipping and logistics read in chat |
| tickets.py | staff moves with their shopper notices, staff alerts, reminders |
| ticket_flow.py | the tickets' Mermaid diagram, drawn from `bot.storage.tickets.MOVES` |
| logistics.py | shipping an order, tracking links, carriers' later updates |
| shipping.py | an order's fee from the knowledge files' shipping rules |
| aftercare.py | 改地址 / 改电话 / 改收货人 / 备注 / 开发票 / 取消订单 from a shopper's message |

The storage layer (bot/storage/) decides what is allowed (policy.py, tickets.MOVES) in one
transaction each; this package words it and tells the people concerned.
"""
