"""Rendering: Rich views for people, JSON/JSONL writers for machines."""
