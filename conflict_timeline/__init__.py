"""conflict-timeline: typed records of a war, in a trustworthy order, with their contradictions."""

__version__ = "0.1.0"
