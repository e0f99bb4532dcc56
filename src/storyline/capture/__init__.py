"""Capture: the only stage that reads files, standard input or the network.

It turns what the user named (a path, a folder, ``-``, a URL) into :class:`~storyline.model.Capture`
records holding the exact bytes and where they came from; nothing here decodes or parses.
"""

from storyline.capture.files import expand_inputs, read_file, read_stream
from storyline.capture.http import fetch, is_url, looks_like_url

__all__ = ["expand_inputs", "fetch", "is_url", "looks_like_url", "read_file", "read_stream"]
