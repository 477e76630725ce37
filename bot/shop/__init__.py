"""The shop's own logic, shared by the dialogs, the queries and the notices: the catalogue as the
dialogs read it, live stock, prices and discounts, how orders and money read in chat, the notices
the shop sends on its own and the expiry of unpaid orders. No dialog lives here."""
