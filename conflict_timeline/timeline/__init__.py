"""Timeline: records in a trustworthy order, and the filters people narrow it with."""

from .filters import RecordFilter, actor_names, filter_records
from .index import Timeline
from .ordering import order_key, order_records

__all__ = [
    "RecordFilter", "Timeline", "actor_names", "filter_records", "order_key", "order_records",
]
