"""Cockpit: a terminal job-hunting cockpit for freelancers."""

__version__ = "0.1.0"
