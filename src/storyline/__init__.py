"""Storyline: a sourced, structured record of events from news reports."""

__version__ = "0.1.0"

from storyline import extract as extract
