"""Broadcasts to customer groups and OA followers: audience, plan, rate-limited exactly-once
sending, progress and reports (bot/broadcast/runner.py is the entry point)."""
