"""Read YAML while remembering the line every key and list item came from.

Why by hand: PyYAML's ``safe_load`` forgets positions and silently keeps the last of two
duplicate keys, but a researcher editing a codebook needs "my-topic.yaml:42: duplicate
event type 'arrest'". PyYAML's composer keeps marks on every node, so this module builds
plain dicts/lists from the node tree and records lines beside them (:class:`Lines`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml


@dataclass
class Lines:
    """Source lines (1-based) of a mapping's keys or a list's items, and of the node itself."""

    line: int
    keys: dict[Any, int] = field(default_factory=dict)
    items: list[int] = field(default_factory=list)
    children: dict[Any, Lines] = field(default_factory=dict)

    def of(self, key: Any) -> int:
        """The line of ``key`` (a mapping key or list index), else this node's line."""
        if isinstance(key, int) and 0 <= key < len(self.items):
            return self.items[key]
        return self.keys.get(key, self.line)

    def child(self, key: Any) -> Lines:
        """The :class:`Lines` of a nested mapping or list (an empty one for scalars)."""
        return self.children.get(key) or Lines(self.of(key))


class DuplicateKey(ValueError):
    """A mapping names the same key twice (PyYAML would keep the last one silently)."""

    def __init__(self, key: Any, line: int, first: int) -> None:
        super().__init__(f"duplicate key {key!r} (first at line {first})")
        self.key = key
        self.line = line
        self.first = first


class _NoAliasLoader(yaml.SafeLoader):
    """A safe loader that refuses aliases (``*name``).

    Why: an alias repeats a node without copying it, so 361 bytes of nested aliases
    describe billions of entries, and turning them into plain data took 2 GB. A codebook
    has no need for them: each word is written where it is used.
    """

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(
                None, None, "aliases (*name) are not allowed in a codebook", event.start_mark
            )
        return super().compose_node(parent, index)


def load_with_lines(text: str) -> tuple[Any, Lines]:
    """Parse one YAML document into plain Python data plus its :class:`Lines`.

    Raises:
        yaml.YAMLError: invalid YAML, or an alias (its ``problem_mark`` has the line).
        DuplicateKey: a mapping with a repeated key.
    """
    node = yaml.compose(text, Loader=_NoAliasLoader)
    if node is None:
        return None, Lines(1)
    return _build(node)


def _build(node: yaml.Node) -> tuple[Any, Lines]:
    lines = Lines(node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        data: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = _scalar(key_node)
            line = key_node.start_mark.line + 1
            if key in data:
                raise DuplicateKey(key, line, lines.keys[key])
            value, value_lines = _build(value_node)
            data[key] = value
            lines.keys[key] = line
            lines.children[key] = value_lines
        return data, lines
    if isinstance(node, yaml.SequenceNode):
        items: list[Any] = []
        for index, item_node in enumerate(node.value):
            value, item_lines = _build(item_node)
            items.append(value)
            lines.items.append(item_node.start_mark.line + 1)
            lines.children[index] = item_lines
        return items, lines
    return _scalar(node), lines


def _scalar(node: yaml.Node) -> Any:
    """A scalar node's value with PyYAML's safe typing (ints, bools, null, strings).

    The composer has already resolved each node's tag, so a SafeLoader's constructor turns
    it into the same value ``safe_load`` would give.
    """
    if not isinstance(node, yaml.ScalarNode):
        raise yaml.constructor.ConstructorError(
            None, None, "a key must be a plain value, not a list or mapping", node.start_mark
        )
    return yaml.SafeLoader("").construct_object(node, deep=True)
