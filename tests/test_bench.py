"""The benchmark at a tiny N: it runs, exits 0, and reports every figure with its reference and ratio.

No timing assertions: a benchmark prints figures; it is not a timed test.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_layers import imports
from tools import bench

ROOT = Path(__file__).resolve().parent.parent
CORE = {"load", "load.process", "load.process_cpu", "load.page", "load.check", "scores", "concurrency.reads",
        "concurrency.max_latency", "memory.main"}
RECORD_ONLY = {"load.page"}  # figures printed for the record, with no goal
PAGE_FIGURES = ("first_render", "first_render_cpu", "rerun", "figure_bytes")


def run_cli(out: Path, *args: str) -> tuple[subprocess.CompletedProcess, dict]:
    proc = subprocess.run([sys.executable, "-m", "tools.bench", "--networks", "20", "--repeats", "1",
                           "--out", str(out), *args], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    return proc, json.loads((out / "bench.json").read_text(encoding="utf-8"))


def check_figures(result: dict, stdout: str, keys: set[str]) -> None:
    figs = {f["key"]: f for f in result["figures"]}
    assert set(figs) == keys
    table = stdout.splitlines()
    for f in figs.values():
        assert f["figure"] > 0, f
        if f["reference"] is not None:
            assert f["reference"] > 0, f
            assert f["ratio"] == pytest.approx(f["figure"] / f["reference"]), f
        else:
            assert f["ratio"] is None
        assert f["met"] in ((None,) if f["key"] in RECORD_ONLY else (True, False)), f
        assert sum(line.startswith(f["what"]) for line in table) == 1, f["what"]  # one table row per figure
    assert figs["load"]["unit"] == figs["scores"]["unit"] == "s"


@pytest.fixture(scope="module")
def skipped(tmp_path_factory) -> tuple[subprocess.CompletedProcess, dict]:
    return run_cli(tmp_path_factory.mktemp("bench"), "--skip-pages")


def test_bench_without_pages_reports_load_scores_concurrency_and_memory(skipped):
    proc, result = skipped
    check_figures(result, proc.stdout, CORE)
    assert result["networks"] == 20
    assert result["data"]["measurement_rows"] == result["load"]["rows"] > 1000  # the reference read every row
    assert result["scores"]["networks_scored"] == 20
    assert result["concurrency"]["errors"] == []
    assert "pages" not in result


def test_bench_prints_the_machine_and_a_header(skipped):
    proc, result = skipped
    out = proc.stdout
    assert f"{result['machine']['cores']} cores" in out
    assert f"duckdb {result['machine']['duckdb']}" in out and "streamlit" in out and "pandas" in out
    assert "load average" in out
    header = next(line for line in out.splitlines() if line.startswith("what"))
    assert header.split() == ["what", "netvalue", "reference", "ratio", "goal", "met"]


def test_bench_with_one_page_times_it_against_the_sample(tmp_path):
    proc, result = run_cli(tmp_path, "--pages", "method", "--sessions", "2")
    check_figures(result, proc.stdout, CORE | {f"page.method.{x}" for x in PAGE_FIGURES} | {"memory.pages"}
                  | {"sessions.warm_cpu", "sessions.method.warm_cpu"})
    for case in ("at_n", "sample"):  # two tabs, three rounds, one page: six warm views on each store
        ws = result["sessions"][case]
        assert ws["sessions"] == 2 and ws["views"] == 6 and list(ws["pages"]) == ["method"]
        assert ws["server_cpu_s"] > 0 and ws["rss_bytes"] > 0
    page = result["pages"]["at_n"]["pages"]["method"]
    assert page["errors"] == [] and page["charts"] == len(page["chart_bytes"]) >= 1
    assert sum(page["chart_bytes"]) == page["figure_bytes"]
    assert len(page["first_render_runs"]) == len(page["rerun_runs"]) == 1  # --repeats 1
    assert page["first_render_s"] == pytest.approx(page["app_run_s"] + page["page_run_s"])
    assert result["pages"]["sample"]["pages"]["method"]["charts"] == page["charts"]


def test_unknown_page_is_refused(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "tools.bench", "--networks", "20", "--pages", "nosuch",
                           "--out", str(tmp_path)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2 and "nosuch" in proc.stderr
    assert not (tmp_path / "bench.json").exists()


def test_app_pages_are_read_from_app_py():
    assert bench.app_pages() == ["overview", "networks", "ripples", "connections", "depth_breadth", "upload", "method"]


def test_table_formats_ratio_and_missing_reference():
    rows = [
        bench.Figure("a", "load", "s", 3.0, 2.0, "≤ 1.5×", False),
        bench.Figure("b", "memory", "bytes", 512 * 1024 * 1024, None, "≤ 1.5 GiB", True),
    ]
    assert rows[0].ratio == 1.5 and rows[1].ratio is None
    lines = bench.format_table(rows).splitlines()
    assert len(lines) == 4
    assert lines[2].split() == ["load", "3.00", "s", "2.00", "s", "1.50×", "≤", "1.5×", "NO"]
    assert lines[3].split() == ["memory", "512.0", "MiB", "—", "—", "≤", "1.5", "GiB", "yes"]
    assert len({len(line.rstrip()) for line in lines[:2]}) == 1  # header and rule line up


def test_bench_module_imports_neither_streamlit_nor_duckdb():
    assert not imports(ROOT / "tools" / "bench.py") & {"streamlit", "duckdb"}  # duckdb only through store.py
    code = "import sys, tools.bench, netvalue.__main__; print('streamlit' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_figures_judge_each_goal_from_the_raw_result():
    page = {"first_render_s": 4.0, "first_render_cpu_s": 2.5, "rerun_s": 0.2, "charts": 1,
            "figure_bytes": 3 * 1024 * 1024, "errors": []}
    small = {"first_render_s": 1.0, "first_render_cpu_s": 1.0, "rerun_s": 0.1, "charts": 1, "figure_bytes": 1000,
             "errors": []}
    result = {
        "load": {"netvalue_s": 3.0, "reference_s": 1.0, "rows": 10, "fast_path": True, "page_s": 4.5},
        "scores": {"netvalue_s": 0.2, "reference_s": 0.1, "networks_scored": 2},
        "concurrency": {"reads_during_load": 5, "idle_reads_in_load_time": 10.0, "max_latency_s": 0.5,
                        "load_s": 2.0, "errors": []},
        "pages": {"pages": ["p"], "at_n": {"pages": {"p": page}}, "sample": {"pages": {"p": small}}},
        "memory": {"main_bytes": 2 * 1024**3, "pages_bytes": 1024**3, "pages_sample_bytes": 512 * 1024**2},
        "sessions": {"at_n": {"sessions": 10, "cpu_per_view_s": 0.08, "pages": {"p": {"cpu_per_view_s": 0.12}}},
                     "sample": {"sessions": 10, "cpu_per_view_s": 0.04, "pages": {"p": {"cpu_per_view_s": 0.03}}}},
    }
    figs = {f.key: f for f in bench.figures(result)}
    met = {k: f.met for k, f in figs.items()}
    assert met == {"load": False, "load.page": None, "scores": True, "concurrency.reads": True,
                   "concurrency.max_latency": True,
                   "page.p.first_render": False, "page.p.first_render_cpu": True, "page.p.rerun": True,
                   "page.p.figure_bytes": False,
                   "sessions.warm_cpu": True, "sessions.p.warm_cpu": False,
                   "memory.main": False, "memory.pages": True}
    assert figs["load"].ratio == 3.0 and figs["page.p.first_render"].ratio == 4.0
    assert "DuckDB path" in figs["load"].what and figs["load.page"].ratio == 4.5
    assert figs["concurrency.max_latency"].ratio == 0.25 and figs["memory.pages"].ratio == 2.0
    assert figs["sessions.warm_cpu"].ratio == 2.0 and figs["sessions.p.warm_cpu"].ratio == pytest.approx(4.0)


def test_the_server_settings_the_warm_view_figure_rests_on():
    """tools/wsbench.py measured two thirds of the server's CPU per warm view in Streamlit's post-run full garbage
    collection and a fifth in the source watcher; .streamlit/config.toml turns both off (read the way Streamlit
    reads it, from the folder `streamlit run` starts in)."""
    code = ("from streamlit import config; config.get_config_options(force_reparse=True); "
            "print(config.get_option('runner.postScriptGC'), config.get_option('server.fileWatcherType'))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "none"]
