"""Reading contributor files: encoding, BOM, line endings, size, front matter."""

from __future__ import annotations

import os

import pytest

from generator.load.sourcefile import MAX_TEXT_BYTES, SourceError, read_text, split_front_matter


def read_error(path) -> SourceError:
    with pytest.raises(SourceError) as info:
        read_text(path)
    return info.value


def test_bom_and_crlf_are_accepted(tmp_path):
    path = tmp_path / "a.yml"
    path.write_bytes(b"\xef\xbb\xbfname: A\r\nkind: library\r\nx: 1\ry: 2\n")
    assert read_text(path) == "name: A\nkind: library\nx: 1\ny: 2\n"


def test_not_utf8_names_line_and_byte(tmp_path):
    path = tmp_path / "a.yml"
    path.write_bytes("name: Bücherei\nmunicipality: Köln\n".encode("cp1252"))
    exc = read_error(path)
    assert exc.line == 1
    assert "nicht in UTF-8 gespeichert (ungültiges Byte 0xfc – in Windows-1252 wäre das „ü“)" in (
        exc.message
    )
    path.write_bytes(b"name: A\nkind: library\nmunicipality: K\xf6ln\n")
    assert read_error(path).line == 3


def test_not_utf8_after_bom_counts_from_the_file_start(tmp_path):
    path = tmp_path / "a.yml"
    path.write_bytes(b"\xef\xbb\xbfname: A\nabout: \x81\n")
    exc = read_error(path)
    assert exc.line == 2
    assert "0x81" in exc.message  # not the byte three places earlier


def test_utf16_is_not_utf8(tmp_path):
    path = tmp_path / "a.yml"
    path.write_bytes("name: A\n".encode("utf-16"))
    exc = read_error(path)
    assert exc.line == 1
    assert "UTF-8" in exc.message


def test_null_bytes(tmp_path):
    path = tmp_path / "a.yml"
    path.write_bytes(b"name: A\nx: \x00\n")
    exc = read_error(path)
    assert (exc.line, "Nullbytes" in exc.message) == (2, True)


def test_size_limit(tmp_path):
    path = tmp_path / "a.md"
    path.write_bytes(b"a" * MAX_TEXT_BYTES)
    assert len(read_text(path)) == MAX_TEXT_BYTES
    path.write_bytes(b"a" * (MAX_TEXT_BYTES + 1))
    exc = read_error(path)
    assert exc.line == 1
    assert "1.025 KiB groß; erlaubt sind höchstens 1.024 KiB (1 MiB)" in exc.message


def test_huge_file_is_not_read_completely(tmp_path):
    path = tmp_path / "a.md"
    with path.open("wb") as file:  # sparse: 5 GiB without using the disk
        file.truncate(5 * 1024**3)
    assert "5.242.880 KiB groß" in read_error(path).message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_not_a_regular_file(tmp_path):
    fifo = tmp_path / "a.yml"
    os.mkfifo(fifo)  # reading it would block forever
    assert "keine gewöhnliche Datei" in read_error(fifo).message


# --- front matter -------------------------------------------------------------------------


def test_front_matter_lines():
    front = split_front_matter("---\ntitle: A\nstatus: x\n---\n## Ausgangslage\n\nText\n")
    assert front.yaml == "title: A\nstatus: x\n"
    assert front.yaml_offset == 1
    assert front.body == "## Ausgangslage\n\nText\n"
    assert front.body_line == 5


def test_front_matter_closed_by_dots_and_trailing_spaces():
    front = split_front_matter("--- \ntitle: A\n...\nText")
    assert (front.yaml, front.body, front.body_line) == ("title: A\n", "Text", 4)


def test_front_matter_at_end_of_file_has_empty_body():
    front = split_front_matter("---\ntitle: A\n---")
    assert front.body == ""
    assert front.body_line == 4


def test_dashes_inside_the_yaml_do_not_close_it():
    front = split_front_matter("---\nabout: |\n  ---\n  x\n---\nText\n")
    assert front.body == "Text\n"


@pytest.mark.parametrize(
    "text",
    ["", "title: A\n---\nText\n", "\n---\ntitle: A\n---\n", "# Titel\n", "-- -\ntitle: A\n---\n"],
    ids=["empty", "no-opening", "blank-first-line", "markdown-only", "broken-dashes"],
)
def test_missing_front_matter(text):
    with pytest.raises(SourceError) as info:
        split_front_matter(text)
    assert info.value.line == 1
    assert "muss mit einem Kopfbereich beginnen" in info.value.message


def test_unclosed_front_matter():
    with pytest.raises(SourceError) as info:
        split_front_matter("---\ntitle: A\nstatus: x\n\nText\n")
    assert info.value.line == 1
    assert "Kopfbereich wird nicht geschlossen" in info.value.message


@pytest.mark.parametrize("target", ["fehlt.yml", "/etc/hostname", "echt.yml"])
def test_symlinks_are_refused(tmp_path, target):
    (tmp_path / "echt.yml").write_text("name: A\n", encoding="utf-8")
    link = tmp_path / "b.yml"
    link.symlink_to(target if target.startswith("/") else tmp_path / target)
    exc = read_error(link)
    assert (exc.line, "Symlinks" in exc.message) == (1, True)
