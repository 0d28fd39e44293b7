"""Benchmark: validation and site build of synthetic catalogues against a bare MkDocs site.

    .venv/bin/python benchmarks/run.py [--sizes 1000 10000] [--out benchmarks/out] [--repeat 1]

For each size the script writes a synthetic catalogue and a bare comparison site (see
``synthetic.py``), then measures, each in a child process of its own:

* ``catalogue validate --root DIR``              (wall time);
* ``mkdocs build --strict -q`` of the catalogue  (wall time, CPU time, peak RSS);
* ``mkdocs build -q`` of the bare site           (wall time, CPU time, peak RSS).

It prints a Markdown table with the targets and writes ``results.json`` and ``results.md`` to
the output folder.

Extending it: a measurement is a function ``(SizeContext) -> dict`` of figures that is merged
into the row of its size; append it to ``MEASUREMENTS``, its columns to ``COLUMNS`` and any
limit to ``TARGETS`` (or call ``register``). Rows are plain dicts, so later figures (e.g. the
finder timings from headless Chromium) fit in without changing the rest.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import synthetic  # a sibling module, not a package

REPO_ROOT = Path(__file__).resolve().parent.parent
BIN_DIR = Path(sys.executable).parent
CHILD_ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
MIB = 1024 * 1024


# --- Running a child and reading its resources ------------------------------------------------


@dataclass(frozen=True)
class ChildRun:
    """One finished child process: exit status, wall and CPU seconds, peak RSS."""

    returncode: int
    wall_s: float
    cpu_s: float
    peak_mib: float
    output: str


def tool(name: str) -> list[str]:
    """The console script next to this interpreter, or ``python -m`` as a fallback."""
    script = BIN_DIR / name
    if script.exists():
        return [str(script)]
    module = {"catalogue": "generator", "mkdocs": "mkdocs"}[name]
    return [sys.executable, "-m", module]


def run_child(command: list[str], cwd: Path, env: dict | None = None) -> ChildRun:
    """Run ``command`` and measure exactly that child with ``os.wait4``."""
    with tempfile.TemporaryFile() as log:
        start = time.perf_counter()
        process = subprocess.Popen(
            command, cwd=cwd, env=env or CHILD_ENV, stdout=log, stderr=subprocess.STDOUT
        )
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        log.seek(0)
        output = log.read().decode("utf-8", "replace")
    # ru_maxrss is in KiB on Linux (bytes on macOS).
    peak_bytes = usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024)
    return ChildRun(
        returncode=process.returncode,
        wall_s=wall,
        cpu_s=usage.ru_utime + usage.ru_stime,
        peak_mib=peak_bytes / MIB,
        output=output,
    )


class MeasurementError(RuntimeError):
    """A measured command failed; its row records the error and the other measurements go on."""


def run_checked(
    command: list[str], cwd: Path, repeat: int, env: dict | None = None
) -> list[ChildRun]:
    """Run ``command`` ``repeat`` times; a failing run stops the measurement, not the benchmark."""
    runs = []
    for _ in range(repeat):
        run = run_child(command, cwd, env)
        if run.returncode != 0:
            tail = "\n".join(run.output.strip().splitlines()[-30:])
            raise MeasurementError(f"{' '.join(command)} exited {run.returncode}:\n{tail}")
        runs.append(run)
    return runs


def median_figures(runs: list[ChildRun], prefix: str) -> dict[str, float]:
    """Median wall, CPU and memory figures of the runs, under ``prefix`` in the row."""
    return {
        f"{prefix}_s": statistics.median(r.wall_s for r in runs),
        f"{prefix}_cpu_s": statistics.median(r.cpu_s for r in runs),
        f"{prefix}_peak_mib": statistics.median(r.peak_mib for r in runs),
    }


# --- Measurements ------------------------------------------------------------------------------


@dataclass
class SizeContext:
    """What a measurement needs for one size; ``row`` holds the figures so far."""

    size: int
    catalogue_dir: Path
    bare_dir: Path
    work_dir: Path
    repeat: int
    row: dict = field(default_factory=dict)
    env: dict | None = None  # environment of the child processes (validation cache)


Measurement = Callable[[SizeContext], dict]


def measure_validate(ctx: SizeContext) -> dict:
    """Cold: an empty validation cache (a fresh CI machine). Warm: the cache the cold run
    left (a second run, `mkdocs serve`, pre-commit). The builds below run warm as well."""
    command = [*tool("catalogue"), "validate", "--root", str(ctx.catalogue_dir)]
    cache = ctx.work_dir / f"cache-{ctx.size}"
    shutil.rmtree(cache, ignore_errors=True)
    env = {**CHILD_ENV, "XDG_CACHE_HOME": str(cache)}
    cold = run_checked(command, ctx.catalogue_dir, 1, env)
    runs = run_checked(command, ctx.catalogue_dir, ctx.repeat, env)
    figures = median_figures(runs, "validate")
    figures["validate_cold_s"] = cold[0].wall_s
    figures["validate_warnings"] = count_warnings(runs[-1].output)
    ctx.env = env
    return figures


def count_warnings(output: str) -> int:
    """The warnings in ``catalogue validate``'s output, for the detail table."""
    return sum(1 for line in output.splitlines() if ": Warnung: " in line)


def measure_full_build(ctx: SizeContext) -> dict:
    """The strict MkDocs build of the synthetic catalogue, with the size of the site."""
    site = ctx.work_dir / f"site-full-{ctx.size}"
    command = [*tool("mkdocs"), "build", "--strict", "-q", "-d", str(site)]
    runs = run_checked(command, ctx.catalogue_dir, ctx.repeat, ctx.env)
    figures = median_figures(runs, "full_build")
    figures["full_site_mib"] = folder_mib(site)
    return figures


def measure_bare_build(ctx: SizeContext) -> dict:
    """The plain MkDocs build of the same bodies: the baseline the targets compare with."""
    site = ctx.work_dir / f"site-bare-{ctx.size}"
    command = [*tool("mkdocs"), "build", "-q", "-d", str(site)]
    runs = run_checked(command, ctx.bare_dir, ctx.repeat)
    figures = median_figures(runs, "bare_build")
    figures["bare_site_mib"] = folder_mib(site)
    return figures


def folder_mib(folder: Path) -> float:
    """The size of a built site in MiB, for the detail table."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / MIB


def derive_ratios(ctx: SizeContext) -> dict:
    """Full build over bare build in time, CPU and memory: the figures the targets limit."""
    row = ctx.row
    figures = {}
    if row.get("full_build_s") and row.get("bare_build_s"):
        figures["time_ratio"] = row["full_build_s"] / row["bare_build_s"]
    if row.get("full_build_cpu_s") and row.get("bare_build_cpu_s"):
        # Less sensitive than wall time to other load on the machine.
        figures["cpu_ratio"] = row["full_build_cpu_s"] / row["bare_build_cpu_s"]
    if row.get("full_build_peak_mib") and row.get("bare_build_peak_mib"):
        figures["memory_ratio"] = row["full_build_peak_mib"] / row["bare_build_peak_mib"]
    return figures


def measure_finder_page(ctx: SizeContext) -> dict:
    """The finder in headless Chromium, on the site the full build wrote."""
    from finder_perf import measure_finder

    figures = measure_finder(ctx.work_dir / f"site-full-{ctx.size}", repeat=ctx.repeat + 2)
    return {
        "finder_transfer_kb": figures["transfer_gzip"] / 1000,
        "finder_filter_ms": figures["filter_ms"]["median"],
        "finder_filter_max_ms": figures["filter_ms"]["max"],
        "finder_search_ms": figures["search_ms"]["median"],
        "finder_search_max_ms": figures["search_ms"]["max"],
        "finder_index_gzip_mb": figures.get("index_gzip", 0) / 1e6,
    }


def measure_living_outputs(ctx: SizeContext) -> dict:
    """Feeds, open data, statistics, embeddable lists and redirects: their generation time
    (each on its own, in a child process) and their bytes in the site the full build wrote.
    The full build minus ``living_s`` is the build without them."""
    script = Path(__file__).resolve().parent / "living_outputs.py"
    site = ctx.work_dir / f"site-full-{ctx.size}"
    run = run_checked([sys.executable, str(script), str(ctx.catalogue_dir), str(site)],
                      REPO_ROOT, 1, ctx.env)[0]  # fmt: skip
    figures = json.loads(run.output.strip().splitlines()[-1])
    if ctx.row.get("full_build_s"):
        figures["without_living_s"] = ctx.row["full_build_s"] - figures["living_s"]
    kinds = ("feeds", "open_data", "statistics", "embeds", "redirects")
    figures["living_mib"] = sum(figures.get(f"{k}_bytes", 0) for k in kinds) / MIB
    return figures


MEASUREMENTS: list[Measurement] = [
    measure_validate,
    measure_full_build,
    measure_bare_build,
    measure_living_outputs,
    measure_finder_page,
    derive_ratios,
]


# --- Table columns and targets ----------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """A column of the Markdown table: its header, the row key and the number format."""

    header: str
    key: str
    fmt: str = "{:.2f}"

    def cell(self, row: dict) -> str:
        value = row.get(self.key)
        return "–" if value is None else self.fmt.format(value)


@dataclass(frozen=True)
class Target:
    """``row[key] <= limit`` for the sizes where it applies."""

    name: str
    key: str
    limit: float
    applies: Callable[[int], bool] = lambda size: True

    def verdict(self, row: dict) -> bool | None:
        value = row.get(self.key)
        if value is None or not self.applies(row["size"]):
            return None
        return value <= self.limit

    def describe(self) -> str:
        return f"{self.key} ≤ {self.limit:g}"

    def as_json(self) -> dict:
        return {"name": self.name, "key": self.key, "limit": self.limit}


COLUMNS: list[Column] = [
    Column("size", "size", "{:,}"),
    Column("validate s", "validate_s"),
    Column("full build s", "full_build_s"),
    Column("bare build s", "bare_build_s"),
    Column("ratio time", "time_ratio"),
    Column("full peak MiB", "full_build_peak_mib", "{:.0f}"),
    Column("bare peak MiB", "bare_build_peak_mib", "{:.0f}"),
    Column("ratio memory", "memory_ratio"),
]

TARGETS: list[Target] = [
    # 2 s at 10,000 measures; smaller catalogues must meet it as well.
    Target("validate", "validate_s", 2.0, applies=lambda size: size <= 10_000),
    Target("validate cold", "validate_cold_s", 2.0, applies=lambda size: size <= 10_000),
    Target("finder transfer", "finder_transfer_kb", 150, applies=lambda size: size <= 1_000),
    Target("filter", "finder_filter_ms", 16, applies=lambda size: size <= 1_000),
    Target("filter", "finder_filter_ms", 100),
    Target("search", "finder_search_ms", 50),
    Target("index", "finder_index_gzip_mb", 1.5),
    Target("time", "time_ratio", 1.25),
    Target("memory", "memory_ratio", 1.5),
]

# Secondary figures: in the JSON and in a second, smaller table.
DETAIL_COLUMNS: list[Column] = [
    Column("size", "size", "{:,}"),
    Column("generate s", "generate_s"),
    Column("validate cold s", "validate_cold_s"),
    Column("validate CPU s", "validate_cpu_s"),
    Column("validate warnings", "validate_warnings", "{:,}"),
    Column("full build CPU s", "full_build_cpu_s"),
    Column("bare build CPU s", "bare_build_cpu_s"),
    Column("ratio CPU", "cpu_ratio"),
    Column("load before", "load_before", "{:.1f}"),
    Column("full site MiB", "full_site_mib", "{:.0f}"),
    Column("bare site MiB", "bare_site_mib", "{:.0f}"),
    Column("finder KB gzip", "finder_transfer_kb", "{:.1f}"),
    Column("filter ms", "finder_filter_ms"),
    Column("filter max ms", "finder_filter_max_ms"),
    Column("search ms", "finder_search_ms"),
    Column("search max ms", "finder_search_max_ms"),
    Column("index MB gzip", "finder_index_gzip_mb", "{:.2f}"),
    Column("living outputs s", "living_s"),
    Column("full build without them s", "without_living_s"),
    Column("feeds s", "feeds_s"),
    Column("open data s", "open_data_s"),
    Column("statistics s", "statistics_s"),
    Column("embeds s", "embeds_s"),
    Column("redirects s", "redirects_s"),
    Column("living outputs MiB", "living_mib"),
    Column("feeds bytes", "feeds_bytes", "{:,.0f}"),
    Column("open data bytes", "open_data_bytes", "{:,.0f}"),
    Column("statistics bytes", "statistics_bytes", "{:,.0f}"),
]


def register(
    measurement: Measurement,
    columns: Sequence[Column] = (),
    targets: Sequence[Target] = (),
) -> None:
    """Hook for further figures: add a measurement with its columns and targets.

    Derived ratios stay last, so a new measurement runs before them.
    """
    MEASUREMENTS.insert(MEASUREMENTS.index(derive_ratios), measurement)
    COLUMNS.extend(columns)
    TARGETS.extend(targets)


def target_cell(row: dict) -> str:
    """The table cell that shows which targets the row meets (✓) or misses (✗)."""
    marks = []
    for target in TARGETS:
        verdict = target.verdict(row)
        if verdict is not None:
            marks.append(f"{target.name} {'✓' if verdict else '✗'}")
    return ", ".join(marks) or "–"


def markdown_table(rows: list[dict], columns: list[Column], with_targets: bool) -> str:
    """The rows as a Markdown table, with the targets column if asked for."""
    headers = [c.header for c in columns] + (["targets"] if with_targets else [])
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    for row in rows:
        cells = [c.cell(row) for c in columns] + ([target_cell(row)] if with_targets else [])
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def report(rows: list[dict]) -> str:
    """The main table, the targets and the detail table, as printed and written to results.md."""
    limits = "; ".join(f"{t.name}: {t.describe()}" for t in TARGETS)
    return "\n\n".join(
        [
            markdown_table(rows, COLUMNS, with_targets=True),
            f"Targets: {limits} (validate limit applies up to 10,000 measures).",
            markdown_table(rows, DETAIL_COLUMNS, with_targets=False),
        ]
    )


# --- Driver ------------------------------------------------------------------------------------


def prepare(size: int, seed: int, work_dir: Path) -> SizeContext:
    """Write the synthetic catalogue and the bare site for ``size``; time the generation."""
    start = time.perf_counter()
    catalogue = synthetic.generate(size, seed)
    catalogue_dir, bare_dir = work_dir / f"catalogue-{size}", work_dir / f"bare-{size}"
    if not synthetic.write_catalogue(catalogue_dir, catalogue):
        print(f"note: {REPO_ROOT / 'mkdocs.yml'} is missing; the full build will fail.")
    synthetic.write_bare_site(bare_dir, catalogue)
    context = SizeContext(size, catalogue_dir, bare_dir, work_dir, repeat=1)
    load = os.getloadavg()[0]
    context.row.update(size=size, generate_s=time.perf_counter() - start, load_before=load)
    if load > 1.0:
        print(f"note: load average {load:.1f}; wall times include waiting for the CPU.")
    return context


def measure_size(context: SizeContext) -> dict:
    """Run every measurement; a failing one is recorded and the others still run."""
    for measurement in MEASUREMENTS:
        name = measurement.__name__
        print(f"  {context.size:>6}: {name} …", flush=True)
        try:
            context.row.update(measurement(context))
        except MeasurementError as error:
            context.row.setdefault("errors", {})[name] = str(error)
            print(f"  {context.size:>6}: {name} failed:\n{error}", file=sys.stderr)
    return context.row


def machine() -> dict:
    """The machine and time of the run, so that results of different machines are not mixed up."""
    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "load_average_at_end": os.getloadavg(),
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }


def verdicts(rows: list[dict]) -> dict:
    """Met or missed per size and target, for tools that read results.json."""
    return {
        str(row["size"]): {t.name: t.verdict(row) for t in TARGETS if t.verdict(row) is not None}
        for row in rows
    }


def write_results(out: Path, rows: list[dict], args: argparse.Namespace) -> None:
    """Write results.json and results.md, after every size so that partial results survive."""
    out.mkdir(parents=True, exist_ok=True)
    document = {
        "machine": machine(),
        "settings": {"sizes": args.sizes, "repeat": args.repeat, "seed": args.seed},
        "targets": [t.as_json() for t in TARGETS],
        "rows": rows,
        "verdicts": verdicts(rows),
    }
    (out / "results.json").write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    (out / "results.md").write_text(report(rows) + "\n", encoding="utf-8")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """The command line options: sizes, output folder, repeats, seed, keep."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--out", type=Path, default=REPO_ROOT / "benchmarks" / "out")
    parser.add_argument("--repeat", type=int, default=1, help="runs per build (median)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--keep", action="store_true", help="keep the generated catalogues and sites"
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Generate, measure and report every size; exit 1 when a measurement failed."""
    args = parse_args(argv)
    args.out = args.out.resolve()
    work_dir = args.out / "work"
    rows = []
    for size in args.sizes:
        print(f"size {size:,}: generating …", flush=True)
        context = prepare(size, args.seed, work_dir)
        context.repeat = args.repeat
        rows.append(measure_size(context))
        write_results(args.out, rows, args)  # partial results survive a later failure
    if not args.keep:
        shutil.rmtree(work_dir, ignore_errors=True)
    print()
    print(report(rows))
    print(f"\nWritten to {args.out / 'results.json'} and {args.out / 'results.md'}.")
    return 1 if any("errors" in row for row in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
