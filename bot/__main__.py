"""`python -m bot` is `shopbot`."""

from bot.cli import main

raise SystemExit(main())
