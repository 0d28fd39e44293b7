"""Figures of the finder on /massnahmen/ of a built site, in headless Chromium.

    .venv/bin/python benchmarks/finder_perf.py SITE_DIR

``measure_finder(site_dir)`` returns (all sizes in bytes, times in milliseconds):

* ``transfer_gzip`` – everything the page loads before any interaction (HTML, data,
  scripts, styles, icons), each file gzip-compressed (level 6, as a web server would);
  ``transfer_files`` lists them;
* ``filter_ms`` – one filter change until the results are laid out: the change event, the
  finder's render and the browser's style and layout, measured synchronously (``median``,
  ``max`` over several changes of topics, status, size classes and ranges);
  ``filter_frame_ms`` – the same until the next frame has been produced (includes waiting
  for the display's next refresh, up to 16.7 ms at 60 Hz);
* ``search_ms`` – one search query after the index has loaded, to laid-out results
  (``median``, ``max``); ``index_load_ms`` – first input until the index is usable;
* ``index_bytes`` / ``index_gzip`` – the search index file.

Budgets (issue „Finder“): transfer ≤ 150 KB at 1,000 measures; filter ≤ 16 ms at 1,000 and
≤ 100 ms at 10,000; search ≤ 50 ms at 10,000; index ≤ 1.5 MB gzip at 10,000.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import statistics
import sys
import threading
from pathlib import Path
from urllib.parse import unquote, urlparse

import chromium  # a sibling module: the Chromium of the browser tests

INDEX = "assets/katalog/suchindex.json"
QUERIES = ["Lesef", "Veranstaltungen", "Kinder Schule", "Bücherei", "Leseforderung", "Social"]

_MEASURE_FILTER = """async ([selector, value]) => {
  const input = document.querySelector(selector);
  const t0 = performance.now();
  if (value === null) input.checked = !input.checked; else input.value = value;
  input.dispatchEvent(new Event(value === null ? 'change' : 'input', {bubbles: true}));
  window.bibFinderRender();  // what the next animation frame would do
  document.getElementById('bib-results').getBoundingClientRect();  // style and layout
  const work = performance.now() - t0;
  await new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
  return [work, performance.now() - t0];
}"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def _summary(values: list[float]) -> dict[str, float]:
    return {"median": round(statistics.median(values), 2), "max": round(max(values), 2)}


def measure_finder(site_dir: Path | str, repeat: int = 3) -> dict:
    """Measure the finder of the site built in ``site_dir`` (see the module docstring)."""
    site = Path(site_dir)
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    result: dict = {"measures": None}
    try:
        with chromium.launch() as browser:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            requested: list[str] = []
            page.on("request", lambda request: requested.append(request.url))
            page.goto(f"{base}/massnahmen/", wait_until="load")
            page.wait_for_function("() => !!document.getElementById('bib-finder').dataset.visible")
            page.wait_for_timeout(300)
            files = {}
            for url in requested:
                path = unquote(urlparse(url).path)
                local = site / path.lstrip("/")
                if local.is_dir():
                    local = local / "index.html"
                if local.is_file():
                    data = local.read_bytes()
                    files[path] = len(gzip.compress(data, 6))
            result["transfer_gzip"] = sum(files.values())
            result["transfer_files"] = files
            result["measures"] = page.evaluate(
                "JSON.parse(document.getElementById('bib-finder-data').textContent)"
                ".measures.libraries.length"
            )

            filters = [
                ('input[name="thema"][value="lesefoerderung"]', None),
                ('input[name="status"][value="running"]', None),
                ('input[name="thema"][value="veranstaltungen"]', None),
                ('input[name="einwohner-klasse"][value="-5000"]', None),
                ('input[name="zielgruppe"][value="kinder"]', None),
                ("#bib-vzae-max", "2"),
                ('input[name="status"][value="running"]', None),
                ('input[name="thema"][value="lesefoerderung"]', None),
                ('input[name="einwohner-klasse"][value=""]', None),
                ('input[name="zielgruppe"][value="kinder"]', None),
                ("#bib-vzae-max", ""),
                ('input[name="thema"][value="veranstaltungen"]', None),
            ]
            work, frame = [], []
            for _ in range(repeat):
                for selector, value in filters:
                    w, f = page.evaluate(_MEASURE_FILTER, [selector, value])
                    work.append(w)
                    frame.append(f)
            result["filter_ms"] = _summary(work)
            result["filter_frame_ms"] = _summary(frame)

            started = page.evaluate("performance.now()")
            page.fill("#bib-q", "a")
            loaded = "document.getElementById('bib-finder').dataset.search"
            page.wait_for_function(f"() => ['ready', 'failed'].includes({loaded})", timeout=120_000)
            result["index_load_ms"] = round(page.evaluate("performance.now()") - started, 1)
            work, frame = [], []
            per_query: dict[str, list[float]] = {query: [] for query in QUERIES}
            for _ in range(repeat):
                for query in QUERIES:
                    for text in ("", query):
                        w, f = page.evaluate(_MEASURE_FILTER, ["#bib-q", text])
                        if text:
                            work.append(w)
                            frame.append(f)
                            per_query[query].append(w)
            result["search_ms"] = _summary(work)
            result["search_frame_ms"] = _summary(frame)
            result["search_ms_per_query"] = {q: _summary(v) for q, v in per_query.items()}
    finally:
        server.shutdown()
        server.server_close()
    index = site / INDEX
    if index.is_file():
        data = index.read_bytes()
        result["index_bytes"] = len(data)
        result["index_gzip"] = len(gzip.compress(data, 6))
    return result


def main(argv: list[str] | None = None) -> int:
    """Measure a built site in Chromium and print the figures; 1 if a figure is missing."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1 or not (Path(args[0]) / "massnahmen" / "index.html").is_file():
        print(
            "Aufruf: finder_perf.py SITE_DIR (ein gebauter Katalog mit massnahmen/)",
            file=sys.stderr,
        )
        return 2
    print(json.dumps(measure_finder(args[0]), indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
