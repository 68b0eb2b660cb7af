"""Convert a text module in the old form (netvalue/i18n/<topic>.py holding TEXTS = {key: (danish, english)}) to
the TOML catalogue format described in docs/i18n.md, keeping the key order and the comments between entries.

    python tools/i18n_to_toml.py netvalue/i18n/connections.py            # writes netvalue/i18n/connections.toml
    python tools/i18n_to_toml.py netvalue/i18n/dashboard.py --split      # one file per first key segment
    python tools/i18n_to_toml.py netvalue/i18n/report.py --delete        # and removes the .py once written

The written TOML is read back and compared with the module's TEXTS before anything is deleted; a file that
exists already is never overwritten (the catalogue refuses a key defined twice anyway).
"""

from __future__ import annotations

import argparse
import ast
import sys
import tomllib
from pathlib import Path

WIDTH = 116
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\b": "\\b", "\f": "\\f"}


def _escape(text: str) -> str:
    out = []
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    return "".join(out)


def _chunks(escaped: str, width: int) -> list[str]:
    """Split an escaped string after spaces into pieces of about width characters; the pieces joined are the
    string. A piece never starts with whitespace (TOML's line-ending backslash would eat it)."""
    pieces: list[str] = []
    rest = escaped
    while len(rest) > width:
        cut = rest.rfind(" ", 0, width)
        while cut > 0 and (rest[cut + 1:cut + 2] in (" ", "") or rest[cut - 1] == "\\"):
            cut = rest.rfind(" ", 0, cut)
        if cut <= 0:
            break
        pieces.append(rest[:cut + 1])
        rest = rest[cut + 1:]
    pieces.append(rest)
    return pieces


def toml_string(text: str, indent: int = 0) -> str:
    """A TOML basic string holding text; a long one as a multi-line string folded with line-ending backslashes."""
    escaped = _escape(text)
    if len(escaped) + indent <= WIDTH:
        return f'"{escaped}"'
    pieces = _chunks(escaped, WIDTH - 4)
    if len(pieces) == 1:
        return f'"{escaped}"'
    return '"""\\\n' + "\\\n".join(pieces) + '"""'


def _value(value: object, name: str) -> list[str]:
    if isinstance(value, str):
        return [f"{name} = {toml_string(value, len(name) + 3)}"]
    if isinstance(value, dict):
        return [f"{name}.{form} = {toml_string(text, len(name) + len(form) + 4)}" for form, text in value.items()]
    raise TypeError(f"a text must be a string or a dict of plural forms, not {type(value).__name__}")


def entry(key: str, pair: tuple[object, object], comments: list[str] | None = None) -> str:
    """One catalogue entry: its comments, the quoted key as a table header, then da and en."""
    lines = [f"# {c}".rstrip() for c in comments or []]
    lines.append(f'["{_escape(key)}"]')
    lines += _value(pair[0], "da")
    lines += _value(pair[1], "en")
    return "\n".join(lines)


def _texts_literal(node: ast.stmt) -> ast.Dict | None:
    """The dict literal of `TEXTS = {...}`, `TEXTS: ... = {...}`, `TEXTS.update({...})` or `TEXTS |= {...}`."""
    if isinstance(node, ast.AnnAssign | ast.Assign | ast.AugAssign):
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        if any(isinstance(x, ast.Name) and x.id == "TEXTS" for x in targets) and isinstance(node.value, ast.Dict):
            return node.value
    if (isinstance(node, ast.Expr) and isinstance(node.value, ast.Call)
            and isinstance(node.value.func, ast.Attribute) and node.value.func.attr == "update"
            and isinstance(node.value.func.value, ast.Name) and node.value.func.value.id == "TEXTS"
            and len(node.value.args) == 1 and isinstance(node.value.args[0], ast.Dict)):
        return node.value.args[0]
    return None


def read_module(path: Path) -> tuple[str, list[tuple[str, tuple[object, object], list[str]]]]:
    """(module docstring, [(key, (da, en), comments above the key)]) from a module's TEXTS literal."""
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    lines = source.splitlines()
    doc = ast.get_docstring(tree) or ""
    dicts = [d for d in (_texts_literal(node) for node in tree.body) if d is not None]
    if not dicts:
        raise ValueError(f"{path}: no TEXTS = {{...}} literal")
    entries = []
    for literal in dicts:
        previous_end = literal.lineno  # the line of the opening brace
        for k, v in zip(literal.keys, literal.values, strict=True):
            if k is None:
                raise ValueError(f"{path}: TEXTS may not unpack another dict (line {v.lineno})")
            key = ast.literal_eval(k)
            pair = ast.literal_eval(v)
            if not (isinstance(pair, tuple) and len(pair) == 2):
                raise ValueError(f"{path}: {key!r} is not a (danish, english) pair")
            comments = [line.strip()[1:].strip() for line in lines[previous_end:k.lineno - 1]
                        if line.strip().startswith("#")]
            comments = [c.strip("-– ").strip() or c for c in comments]
            entries.append((key, pair, comments))
            previous_end = v.end_lineno or v.lineno
    return doc, entries


def to_toml(doc: str, entries: list[tuple[str, tuple[object, object], list[str]]]) -> str:
    head = [f"# {line}".rstrip() for line in doc.splitlines()] if doc else []
    head.append("# Format: docs/i18n.md. Each entry holds the Danish (da) and English (en) text side by side.")
    return "\n".join(head) + "\n\n" + "\n\n".join(entry(k, p, c) for k, p, c in entries) + "\n"


def _check(text: str, entries: list[tuple[str, tuple[object, object], list[str]]], where: str) -> None:
    parsed = tomllib.loads(text)
    for key, (da, en), _ in entries:
        got = parsed.get(key)
        if got != {"da": da, "en": en}:
            raise AssertionError(f"{where}: {key!r} does not read back as written")
    if len(parsed) != len(entries):
        raise AssertionError(f"{where}: {len(parsed)} entries read back, {len(entries)} written")


def convert(path: Path, split: bool = False) -> dict[Path, str]:
    """The TOML file(s) for a module: {path: text}, each checked to read back as the module's TEXTS."""
    doc, entries = read_module(path)
    if not split:
        groups = {path.with_suffix(".toml"): entries}
    else:
        groups = {}
        for item in entries:
            groups.setdefault(path.with_name(item[0].split(".")[0] + ".toml"), []).append(item)
    out = {}
    for target, items in groups.items():
        text = to_toml(doc, items)
        _check(text, items, str(target))
        out[target] = text
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="+", type=Path)
    parser.add_argument("--split", action="store_true", help="one TOML file per first key segment")
    parser.add_argument("--delete", action="store_true", help="remove the .py module once the TOML is written")
    args = parser.parse_args(argv)
    for module in args.modules:
        files = convert(module, args.split)
        clash = [str(p) for p in files if p.exists()]
        if clash:
            print(f"{module}: not converted, {', '.join(clash)} exists already", file=sys.stderr)
            return 1
        for target, text in files.items():
            target.write_text(text, encoding="utf-8")
            print(f"{module} -> {target}")
        if args.delete:
            module.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())
