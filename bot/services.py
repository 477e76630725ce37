"""What the app opens once and handlers share, reached through `Context.services`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from bot.config import Config
from bot.metrics import Metrics
from bot.outbound import Outbound
from bot.session import SessionStore
from bot.state import StateStore

if TYPE_CHECKING:
    from bot.storage import Database
    from knowledge import KnowledgeHolder


@dataclass
class Services:
    config: Config
    store: StateStore
    sessions: SessionStore
    outbound: Outbound
    metrics: Metrics
    knowledge: KnowledgeHolder | None = None
    db: Database | None = None
    extras: dict[str, Any] = field(default_factory=dict)  # what later packages add (scheduler, ...)
