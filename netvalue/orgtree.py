"""The org tree's one home: every walk of parent links (a unit's way up, a unit's subtree, its area and centre,
the tree order with indentation, a unit's ancestor at a level) lives here. Loop-safe: a malformed tree (a loop
of parents, a missing parent) never hangs; each walk stops at the first unit seen twice or a missing parent.
Pure; inputs are never mutated.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

LEVELS: tuple[str, ...] = ("municipality", "area", "centre", "unit", "external")
LEVEL_RANK: dict[str, int] = {lvl: i for i, lvl in enumerate(LEVELS)}
INTERNAL_LEVEL_RANK: dict[str, int] = {k: v for k, v in LEVEL_RANK.items() if k != "external"}


def org_tree(org_units: pd.DataFrame) -> pd.DataFrame:
    """One row per unit with its place in the tree, in tree order (root, then each area followed by its
    centres and their units; external actors last; siblings by name).

    Columns: unit_id, name, level, parent_id, area_id, centre_id (nearest area/centre on the way up, the
    unit itself included; <NA> when none), external (the unit or something above it is external), depth
    (0 for a root), label (the name indented by depth), order (0..n-1). Units caught in a loop of parents
    (unreachable from any root) come last, by name, at depth 0.
    """
    ids = [str(u) for u in org_units["unit_id"]]
    names = dict(zip(ids, org_units["name"].astype(str), strict=True))
    levels = dict(zip(ids, org_units["level"].astype(str), strict=True))
    parent = {u: (p if isinstance(p, str) and p and p != u else None)
              for u, p in zip(ids, org_units["parent_id"], strict=True)}

    area, centre, external = {}, {}, {}
    for u in ids:
        seen: set[str] = set()
        a = c = None
        ext = False
        cur: str | None = u
        while cur is not None and cur in names and cur not in seen:
            seen.add(cur)
            lvl = levels[cur]
            if lvl == "area" and a is None:
                a = cur
            elif lvl == "centre" and c is None:
                c = cur
            elif lvl == "external":
                ext = True
            cur = parent[cur]
        area[u], centre[u], external[u] = a, c, ext

    def sort_key(u: str) -> tuple[int, int, str, str]:
        return (int(levels[u] == "external"), LEVEL_RANK.get(levels[u], 5), names[u], u)

    children: dict[str | None, list[str]] = {}
    for u in ids:
        p = parent[u] if parent[u] in names else None
        children.setdefault(p, []).append(u)
    order: list[str] = []
    depth: dict[str, int] = {}
    visited: set[str] = set()
    stack = [(u, 0) for u in sorted(children.get(None, []), key=sort_key, reverse=True)]
    while stack:
        u, d = stack.pop()
        if u in visited:
            continue
        visited.add(u)
        order.append(u)
        depth[u] = d
        stack.extend((c, d + 1) for c in sorted(children.get(u, []), key=sort_key, reverse=True))
    for u in sorted((u for u in ids if u not in visited), key=lambda u: (names[u], u)):
        order.append(u)
        depth[u] = 0

    out = pd.DataFrame({
        "unit_id": order,
        "name": [names[u] for u in order],
        "level": [levels[u] for u in order],
        "parent_id": pd.array([parent[u] for u in order], dtype="str"),
        "area_id": pd.array([area[u] for u in order], dtype="str"),
        "centre_id": pd.array([centre[u] for u in order], dtype="str"),
        "external": np.array([external[u] for u in order], dtype=bool),
        "depth": np.array([depth[u] for u in order], dtype="int64"),
    })
    out["unit_id"] = out["unit_id"].astype("str")
    out["label"] = ["\u2003" * d + n for d, n in zip(out["depth"], out["name"], strict=True)]
    out["order"] = np.arange(len(out), dtype="int64")
    return out



def ancestors(tree: pd.DataFrame) -> pd.DataFrame:
    """unit_id -> every unit on its way up, itself included (loop-safe): columns unit_id, ancestor_id."""
    parent = dict(zip(tree["unit_id"], tree["parent_id"], strict=True))
    rows = []
    for u in tree["unit_id"]:
        seen: set[str] = set()
        cur = u
        while isinstance(cur, str) and cur in parent and cur not in seen:
            seen.add(cur)
            rows.append((u, cur))
            cur = parent[cur]
    return pd.DataFrame(rows, columns=["unit_id", "ancestor_id"], dtype="str")



def level_map(org_units: pd.DataFrame, level: str) -> pd.DataFrame:
    """unit_id -> entity_id: every internal org unit at or below `level` and its ancestor at `level`
    (itself when it is at the level). Units above the level, external units and units with no ancestor
    at the level (an irregular tree) are absent."""
    if level not in INTERNAL_LEVEL_RANK:
        raise ValueError(f"level must be one of {sorted(INTERNAL_LEVEL_RANK)}")
    parent = dict(zip(org_units["unit_id"], org_units["parent_id"], strict=True))
    lvl = dict(zip(org_units["unit_id"], org_units["level"], strict=True))
    target = INTERNAL_LEVEL_RANK[level]
    rows: list[tuple[str, str]] = []
    for uid in org_units["unit_id"]:
        rank = INTERNAL_LEVEL_RANK.get(lvl[uid])
        if rank is None or rank < target:
            continue
        cur, seen = uid, set()
        while isinstance(cur, str) and cur not in seen:
            seen.add(cur)
            if lvl.get(cur) == level:
                rows.append((uid, cur))
                break
            cur = parent.get(cur)
    return pd.DataFrame(rows, columns=["unit_id", "entity_id"]).astype("str")



def subtree(org_units: pd.DataFrame, unit_id: str | None) -> set[str]:
    """The unit and everything below it (all units when unit_id is None)."""
    if unit_id is None:
        return set(org_units["unit_id"])
    children: dict[str, list[str]] = {}
    for uid, parent in zip(org_units["unit_id"], org_units["parent_id"], strict=True):
        if isinstance(parent, str):
            children.setdefault(parent, []).append(uid)
    out, todo = set(), [unit_id]
    while todo:
        u = todo.pop()
        if u in out:
            continue
        out.add(u)
        todo.extend(children.get(u, []))
    return out
