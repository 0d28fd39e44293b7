"""Arbitrary text never makes the loader raise: it is reported as a problem instead."""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from pathlib import Path

from catalogue_files import LIBRARY, MEASURE, write, write_catalogue
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_render import markup

from generator.load.markdown import link_allowed, markdown_parser
from generator.load.sourcefile import SourceError, split_front_matter
from generator.load.yamldoc import YamlError, load_yaml
from generator.render.markdown import render_markdown
from generator.validate.catalogue import load_catalogue
from generator.validate.markdown_safety import unsafe_parts

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


def _raised(error: type[Exception], function, *args, **kwargs):
    """``function``'s result, or the ``error`` it raised; any other exception fails the test."""
    try:
        return function(*args, **kwargs)
    except error as exc:
        return exc


@FUZZ
@given(texts)
def test_load_yaml_raises_only_yaml_error(text):
    result = _raised(YamlError, load_yaml, text, "p.yml", line_offset=1)
    if isinstance(result, YamlError):
        assert result.line >= 1
        assert result.message
    else:
        assert all(line >= 2 for line in result.lines.values())


@FUZZ
@given(texts)
def test_split_front_matter_raises_only_source_error(text):
    result = _raised(SourceError, split_front_matter, text)
    if isinstance(result, SourceError):
        assert result.line == 1
    else:
        assert result.body_line >= 3


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


ALLOWED_TAGS = {
    "p", "br", "hr", "strong", "em", "code", "pre", "ul", "ol", "li", "blockquote", "a",
    "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip


def assert_safe_html(html: str) -> None:
    tags, attributes = markup(html)
    assert tags <= ALLOWED_TAGS, tags
    assert attributes <= {"href", "title", "rel", "align", "start"}, attributes
    for href in re.findall(r'href="([^"]*)"', html):
        assert link_allowed(href), href


# Markdown that exercises the parser: block and inline syntax, HTML, links of every scheme.
MARKDOWN = [
    "\n", "\n\n", "  ", "    ", "# ", "## ", "> ", "- ", "* ", "1. ", "3) ", "```", "~~~",
    "```py", "| a | b |\n|---|---|\n", "| ", "---\n", "===\n", "*", "**", "_", "__", "`",
    "``", "[", "]", "![", "](", ")", "(", "<", ">", "&lt;", "&#106;", "&amp;", "\\", '"',
    "[x]: ", "[x]", "[x][]", "<https://a.de>", "<a@b.de>", "<b>", "</i>", "<!--", "-->",
    "<?", "<script>", "{: onclick=x}", "javascript:alert(1)", "JaVa\tScript:x", "data:x",
    "https://example.org", "mailto:a@b.de", "bericht.pdf", "#anker", "Text", "ä",
    "\n[x]\n\n[x]: javascript:alert(1)\n", "\n[x]: <data:x>\n",
]  # fmt: skip
markdown_texts = st.lists(
    st.one_of(st.sampled_from(MARKDOWN), st.text(max_size=3)), max_size=60
).map("".join)


@settings(FUZZ, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(body=markdown_texts, about=markdown_texts)
def test_what_validation_lets_through_is_rendered_safely(tmp_path, body, about):
    """As in a build: the loader validates measure bodies and library portraits, and what
    passes is rendered; what does not is reported on a line of that text."""
    root = Path(tempfile.mkdtemp(dir=tmp_path))
    front = MEASURE[: MEASURE.index("## Ausgangslage")]
    try:
        write_catalogue(root)
        write(root, "measures/lesesommer.md", front + body)
        portrait = "about: " + json.dumps(about, ensure_ascii=False)  # YAML, double-quoted
        library = LIBRARY.replace("about: Kleine Bücherei im Rathaus.", portrait)
        write(root, "libraries/musterdorf.yml", library)
        result = load_catalogue(root)
        lines = (front + body.replace("\r\n", "\n").replace("\r", "\n")).count("\n") + 1
        for problem in result.problems.sorted():
            if problem.path == "measures/lesesommer.md":  # at the closing "---" or in the text
                assert front.count("\n") <= problem.line <= lines, problem
        if result.catalogue is None:
            return
        for measure in result.catalogue.measures.values():
            assert_safe_html(render_markdown(measure.body))
        for entry in result.catalogue.libraries.values():
            if entry.about:
                assert_safe_html(render_markdown(entry.about))
    finally:
        shutil.rmtree(root)


@FUZZ
@given(markdown_texts)
def test_markdown_is_checked_and_rendered_safely(text):
    lines = len(re.findall(r"\r\n?|\n", text)) + 1  # the line ends CommonMark knows
    for line, message in unsafe_parts(text):
        assert 1 <= line <= lines
        assert message
        assert "\n" not in message
    assert_safe_html(render_markdown(text))


# What the parser itself writes, with the options used here (class: a code block's language).
PARSER_TAGS = ALLOWED_TAGS | {"h1", "img"}
PARSER_ATTRIBUTES = {"href", "title", "src", "alt", "start", "style", "class"}


@FUZZ
@given(markdown_texts)
def test_what_the_check_passes_needs_no_sanitiser(text):
    """The check and the renderer read the same parse: text without a problem is rendered,
    before sanitising, with no raw HTML and no link the sanitiser would have to remove."""
    if unsafe_parts(text):
        return
    html = markdown_parser().html(text)
    tags, attributes = markup(html)
    assert tags <= PARSER_TAGS, tags
    assert attributes <= PARSER_ATTRIBUTES, attributes
    # no comment, declaration, instruction
    assert "<!" not in html
    assert "<?" not in html
    for url in re.findall(r'(?:href|src)="([^"]*)"', html):
        assert link_allowed(url), url
