"""Files attached to an issue: only GitHub's upload addresses count, downloads stop at the
size limit and at redirects to other hosts, and the content must be what the name says.

The downloads run against a server on 127.0.0.1; the only relaxation is an explicit
``DownloadPolicy`` that allows http and that host. No test touches the network."""

from __future__ import annotations

import http.server
import io
import threading
import zipfile
from collections.abc import Iterator
from typing import ClassVar

import pytest

from generator.contribute import attachments
from generator.contribute.attachments import Attachment, AttachmentError, DownloadPolicy

PDF = b"%PDF-1.7\n%%EOF\n"
SMALL = 1024  # the relaxed policy's size limit, to keep the test files small


class _Handler(http.server.BaseHTTPRequestHandler):
    routes: ClassVar[dict[str, tuple[int, dict[str, str], bytes]]] = {}

    def do_GET(self) -> None:
        status, headers, body = self.routes.get(self.path, (404, {}, b"nicht da"))
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        if "Content-Length" not in headers and "Transfer-Encoding" not in headers:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if headers.get("Transfer-Encoding") == "chunked":  # no length announced
            for start in range(0, len(body), 100):
                piece = body[start : start + 100]
                self.wfile.write(f"{len(piece):x}\r\n".encode() + piece + b"\r\n")
            self.wfile.write(b"0\r\n\r\n")
        else:
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    _Handler.protocol_version = "HTTP/1.1"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    port = httpd.server_address[1]
    _Handler.routes = {
        "/gut.pdf": (200, {}, PDF),
        "/gross.pdf": (200, {}, b"%PDF-" + b"x" * SMALL),
        "/gross-ohne-laenge.pdf": (200, {"Transfer-Encoding": "chunked"}, b"%PDF-" + b"x" * SMALL),
        "/luegt.pdf": (200, {"Content-Length": str(SMALL * 100)}, PDF),
        "/weiter": (302, {"Location": "/gut.pdf"}, b""),
        "/woanders": (302, {"Location": f"http://localhost:{port}/gut.pdf"}, b""),
        "/datei": (302, {"Location": "file:///etc/passwd"}, b""),
        "/kreis": (302, {"Location": "/kreis"}, b""),
    }
    yield f"http://127.0.0.1:{port}"
    httpd.shutdown()
    httpd.server_close()


# The explicit test hook: http and 127.0.0.1 allowed, a small size limit.
LOCAL = DownloadPolicy(
    schemes=frozenset({"http"}), hosts=frozenset({"127.0.0.1"}), max_bytes=SMALL, timeout=5
)


def test_a_good_file_is_downloaded(server):
    assert attachments.fetch(server + "/gut.pdf", LOCAL) == PDF


def test_a_redirect_on_the_same_host_is_followed(server):
    assert attachments.fetch(server + "/weiter", LOCAL) == PDF


@pytest.mark.parametrize("path", ["/gross.pdf", "/gross-ohne-laenge.pdf", "/luegt.pdf"])
def test_oversize_is_refused_while_streaming(server, path):
    with pytest.raises(AttachmentError, match="größer als"):
        attachments.fetch(server + path, LOCAL)


def test_a_redirect_to_another_host_is_refused(server):
    with pytest.raises(AttachmentError, match=r"andere Adresse \(localhost\)"):
        attachments.fetch(server + "/woanders", LOCAL)


def test_a_redirect_to_a_local_file_is_refused(server):
    with pytest.raises(AttachmentError, match="andere Adresse"):
        attachments.fetch(server + "/datei", LOCAL)


def test_endless_redirects_and_missing_files_are_german_errors(server):
    with pytest.raises(AttachmentError, match="HTTP 302"):
        attachments.fetch(server + "/kreis", LOCAL)
    with pytest.raises(AttachmentError, match="HTTP 404"):
        attachments.fetch(server + "/fehlt.pdf", LOCAL)


def test_without_the_hook_only_https_to_github_is_fetched(server):
    for url in (server + "/gut.pdf", "https://127.0.0.1/gut.pdf", "ftp://github.com/x.pdf",
                "https://user@github.com/user-attachments/files/1/x.pdf",
                "https://github.com:8443/user-attachments/files/1/x.pdf"):  # fmt: skip
        with pytest.raises(AttachmentError, match="keine Adresse"):
            attachments.fetch(url)


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("https://github.com/user-attachments/files/1781/lesepass.pdf", "lesepass.pdf"),
        ("https://github.com/user-attachments/files/1781/Lese%20pass.pdf", "Lese pass.pdf"),
        ("https://github.com/user-attachments/assets/0f3c4b1e-8a2d-4c5e-9f10-123456789abc", ""),
        ("https://github.com/verband/katalog/files/1781/plan.ods", "plan.ods"),
        ("https://github.com/user-attachments/files/1781/..", None),
        ("https://github.com/user-attachments/files/1781/a%2F..%2F..%2Fx.pdf", None),
        ("https://github.com/user-attachments/files/abc/x.pdf", None),
        ("https://github.com/user-attachments/files/1/x.pdf?download=1", None),
        ("https://github.com/user-attachments/assets/nicht-eine-uuid", None),
        ("https://github.com/verband/katalog/blob/main/x.pdf", None),
        ("https://objects.githubusercontent.com/user-attachments/files/1/x.pdf", None),
        ("https://raw.githubusercontent.com/x/y/main/files/1/x.pdf", None),
        ("http://github.com/user-attachments/files/1/x.pdf", None),
        ("https://GITHUB.com.evil.example/user-attachments/files/1/x.pdf", None),
    ],
)
def test_only_github_upload_addresses_count(url, name):
    assert attachments.attachment_name(url) == name


def test_links_as_github_inserts_them():
    text = (
        "Lesepass: [lesepass.pdf](https://github.com/user-attachments/files/1/lesepass.pdf)\n"
        "- ![Plakat.png](https://github.com/user-attachments/assets/"
        "0f3c4b1e-8a2d-4c5e-9f10-123456789abc)\n"
        '<img width="1024" alt="Image" src="https://github.com/user-attachments/assets/'
        '1f3c4b1e-8a2d-4c5e-9f10-123456789abc" />\n'
        "https://github.com/user-attachments/files/2/bericht.docx\n"
    )
    found, errors = attachments.find_attachments(text)
    assert errors == []
    assert [(a.title, a.name) for a in found] == [
        ("Lesepass", "lesepass.pdf"),
        ("Plakat", ""),
        ("Bild", ""),
        ("bericht", "bericht.docx"),
    ]


def office(names: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in names.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("extension", "data", "matches"),
    [
        ("pdf", PDF, True),
        ("pdf", b"<html>", False),
        ("png", b"\x89PNG\r\n\x1a\nrest", True),
        ("jpg", b"\xff\xd8\xff\xe0", True),
        ("jpeg", b"\x89PNG\r\n\x1a\n", False),
        ("gif", b"GIF89a....", True),
        ("webp", b"RIFF\x00\x00\x00\x00WEBPVP8 ", True),
        ("docx", office({"[Content_Types].xml": b"<x/>", "word/document.xml": b"<x/>"}), True),
        ("xlsx", office({"[Content_Types].xml": b"<x/>", "word/document.xml": b"<x/>"}), False),
        ("odt", office({"mimetype": b"application/vnd.oasis.opendocument.text"}), True),
        ("ods", office({"mimetype": b"application/vnd.oasis.opendocument.text"}), False),
        ("docx", b"PK\x03\x04 kein zip", False),
        ("doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", True),
        ("txt", "Grüße\n".encode(), True),
        ("csv", b"a,b\n\x00", False),
        ("csv", b"\xff\xfe", False),
    ],
)
def test_content_must_be_what_the_name_says(extension, data, matches):
    assert attachments.type_matches(extension, data) is matches


def test_names_are_safe_and_unique():
    taken: set[str] = set()
    first = Attachment("Lesepass", "u", "Lese Päss (final)!.PDF")
    assert attachments.material_name(first, PDF, taken) == "lese-paess-final.pdf"
    assert attachments.material_name(first, PDF, taken) == "lese-paess-final-2.pdf"
    image = Attachment("Plakat Sommer", "u", "")
    assert attachments.material_name(image, b"\x89PNG\r\n\x1a\n", taken) == "plakat-sommer.png"
    with pytest.raises(AttachmentError, match="ohne Endung"):
        attachments.material_name(Attachment("x", "u", ""), b"MZ", taken)
    with pytest.raises(AttachmentError, match=r"„\.html“ ist nicht erlaubt"):
        attachments.material_name(Attachment("x", "u", "x.html"), b"<html>", taken)
