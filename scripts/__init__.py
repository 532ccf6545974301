"""Maintenance scripts (screenshots); importable so tests can run them."""
