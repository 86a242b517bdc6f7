"""Checks: pure functions from records to findings. Nothing here prints or exits."""
