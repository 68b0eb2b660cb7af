"""tools/bench_connections.py measures what it says on a small store and prints its table (no timing goals here)."""

from __future__ import annotations

from tools import bench_connections as bc


def test_it_measures_the_command_and_the_view_and_prints_a_table(sample_file):
    command = bc.time_command(sample_file, repeats=1)
    view = bc.time_view(sample_file, repeats=1)
    assert command["years"] == 7 and command["seconds"] > 0
    assert view["graph_level"] == "unit" and view["nodes"] == 44
    assert set(view["figure_bytes_each"]) == {"graph", "matrix", "path"}
    assert view["figure_bytes"] == sum(view["figure_bytes_each"].values()) > 0
    page = {"first_render_s": 1.0, "app_run_s": 0.6, "page_run_s": 0.4, "rerun_s": 0.1, "figure_bytes": 2048}
    result = {"networks": 20, "sample": {"command": command, "view": view, "page": page},
              "large": {"command": command, "view": view, "page": page}}
    table = bc.format_table(result)
    assert "command (subprocess)" in table and "page first render (AppTest)" in table
    assert "graph drawn at unit level (44 nodes)" in table
    assert "2 KiB" in table
