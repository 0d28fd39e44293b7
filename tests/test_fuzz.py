"""Arbitrary text never makes the loader raise: it is reported as a problem instead."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from catalogue_files import LIBRARY, MEASURE, write, write_catalogue
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.loading import load_catalogue
from generator.sourcefile import SourceError, split_front_matter
from generator.yamldoc import YamlError, load_yaml

FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Text that looks like our files: YAML punctuation, keys of the content model, dates,
# numbers, Markdown and HTML, mixed with any other characters.
TOKENS = [
    "---", "...", ":", ": ", "- ", "[", "]", "{", "}", ",", "&a", "*a", "!!str", "!", "|", ">-",
    "#", "'", '"', "\\", "\t", "\r\n", "\n", "\n  ", "\ufeff", "\x00", "\x85", "\u2028",
    "name", "title", "topics", "members", "materials", "file", "url", "contact", "public",
    "period", "start", "end", "population", "area_m2", "staff_fte", "unbekannt", "kind",
    "network", "NO", "yes", "on", "~", "null", "2025-02-30", "2025-13", "2025-06-01 10:00:00",
    "0x1F", "1:30", ".nan", ".inf", "4.800", "1,5", "-1", "1e999", "<<", "=", "<script>",
    "[x](javascript:alert(1))", "```", "`", "<b>", "{: onclick=x}", "ä", "ß", "\U0001f600",
]  # fmt: skip
yamlish = st.lists(st.one_of(st.sampled_from(TOKENS), st.text(max_size=5)), max_size=40).map(
    "".join
)
texts = st.one_of(st.text(), yamlish)


@FUZZ
@given(texts)
def test_load_yaml_raises_only_yaml_error(text):
    try:
        doc = load_yaml(text, "p.yml", line_offset=1)
    except YamlError as exc:
        assert exc.line >= 1
        assert exc.message
    else:
        assert all(line >= 2 for line in doc.lines.values())


@FUZZ
@given(texts)
def test_split_front_matter_raises_only_source_error(text):
    try:
        front = split_front_matter(text)
    except SourceError as exc:
        assert exc.line == 1
    else:
        assert front.body_line >= 3


def _mutations(base: str) -> st.SearchStrategy[str]:
    """Arbitrary text, or the valid file with a random part replaced by arbitrary text."""
    spliced = st.tuples(st.integers(0, len(base)), st.integers(0, 40), texts).map(
        lambda t: base[: t[0]] + t[2] + base[t[0] + t[1] :]
    )
    return st.one_of(texts, spliced)


@settings(FUZZ, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(measure=_mutations(MEASURE), library=_mutations(LIBRARY), raw=st.binary(max_size=64))
def test_load_catalogue_reports_instead_of_raising(tmp_path, measure, library, raw):
    root = Path(tempfile.mkdtemp(dir=tmp_path))  # tmp_path is shared by all examples
    try:
        write_catalogue(root)
        write(root, "measures/lesesommer.md", measure)
        write(root, "libraries/musterdorf.yml", library)
        write(root, "libraries/binaer.yml", raw)
        result = load_catalogue(root)
        for problem in result.problems.sorted():
            assert problem.line >= 1
            assert "\n" not in problem.text()
        assert (result.catalogue is None) == bool(result.problems.errors)
    finally:
        shutil.rmtree(root)
