"""Files attached to an issue on GitHub, turned into a measure's materials.

An issue form's field „Materialien als Datei“ holds the links GitHub inserts when a file is
dropped into it. ``find_attachments`` accepts only GitHub's own upload addresses;
``fetch`` downloads one over https, follows redirects only to GitHub's storage hosts and
stops at the size limit while streaming; ``material_name`` checks the type by extension and
by the file's first bytes and gives it a safe name. Everything here handles untrusted
input: a problem is a German :class:`AttachmentError`, never a file.
"""

from __future__ import annotations

import http.client
import io
import re
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field

from ..core.ids import propose_id
from ..rules import declarations as schema

# What GitHub inserts for an upload: files/<number>/<name> (new and old form), and assets/
# <uuid> for images. Nothing else on github.com counts as an attachment.
_ATTACHMENT_PATH = re.compile(
    r"^/(?:user-attachments/files/\d+/(?P<name>[^/]+)"
    r"|user-attachments/assets/[0-9a-fA-F]{8}(?:-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}"
    r"|[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}/files/\d+/(?P<old>[^/]+))$"
)
# Where github.com sends a download: its own storage. A redirect anywhere else is refused.
STORAGE_HOSTS = frozenset(
    {
        "github.com",
        "objects.githubusercontent.com",
        "user-images.githubusercontent.com",
        "private-user-images.githubusercontent.com",
        "github-production-user-asset-6210df.s3.amazonaws.com",
    }
)
MAX_NAME = 60  # characters of a material's file name before the extension


class AttachmentError(Exception):
    """A German message for the contributor."""


@dataclass(frozen=True)
class Attachment:
    """A file link found in an issue, with the title the contributor wrote before it."""

    title: str
    url: str
    name: str  # the file name GitHub shows, or "" (images)


@dataclass(frozen=True)
class DownloadPolicy:
    """Where a download may go. Tests relax it explicitly for a server on 127.0.0.1."""

    schemes: frozenset[str] = frozenset({"https"})
    hosts: frozenset[str] = STORAGE_HOSTS  # every hop, the first included
    max_bytes: int = schema.MAX_MATERIAL_BYTES
    max_redirects: int = 5
    timeout: float = 30.0
    headers: dict[str, str] = field(
        default_factory=lambda: {"User-Agent": "bib-katalog from-issue"}
    )


DEFAULT_POLICY = DownloadPolicy()
Fetcher = Callable[[str], bytes]


# --- finding the links --------------------------------------------------------------------

_MD_LINK = re.compile(r"!?\[(?P<text>[^\]\n]*)\]\(\s*<?(?P<url>[^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_IMG_TAG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_ATTR = re.compile(r"""\b(?P<name>src|alt)\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)')""", re.I)
_BARE = re.compile(r"\bhttps?://[^\s<>()\[\]\"']+", re.IGNORECASE)


def attachment_name(url: str) -> str | None:
    """The file name of a GitHub upload address (``""`` for an image), else ``None``."""
    try:
        parts = urllib.parse.urlsplit(url)
    except ValueError:
        return None
    if parts.scheme != "https" or parts.netloc != "github.com":  # no port, no user
        return None
    if parts.query or parts.fragment or "%2f" in parts.path.lower():
        return None
    match = _ATTACHMENT_PATH.match(parts.path)
    if not match:
        return None
    name = urllib.parse.unquote(match.group("name") or match.group("old") or "")
    if name in (".", ".."):
        return None
    return name


def find_attachments(text: str) -> tuple[list[Attachment], list[str]]:
    """Each line: an optional title, then the link GitHub inserted (Markdown link, image,
    ``<img>`` tag or bare address). Anything that is not an upload on GitHub is an error."""
    found: list[Attachment] = []
    errors: list[str] = []
    for raw in text.split("\n"):
        line = raw.strip().lstrip("-*").strip()
        if not line:
            continue
        links: list[tuple[int, str, str]] = []  # position, address, link text
        taken: list[tuple[int, int]] = []
        for match in _MD_LINK.finditer(line):
            links.append((match.start(), match.group("url"), match.group("text").strip()))
            taken.append(match.span())
        for match in _IMG_TAG.finditer(line):
            attrs = {
                m.group("name").lower(): m.group("dq")
                if m.group("dq") is not None
                else m.group("sq")
                for m in _ATTR.finditer(match.group(0))
            }
            if attrs.get("src"):
                links.append((match.start(), attrs["src"], (attrs.get("alt") or "").strip()))
            taken.append(match.span())
        links.extend(
            (match.start(), match.group(0).rstrip(".,;:"), "")
            for match in _BARE.finditer(line)
            if not any(start <= match.start() < end for start, end in taken)
        )
        if not links:
            errors.append(
                f"Materialien als Datei: In der Zeile „{line[:80]}“ steht keine angehängte "
                "Datei. Bitte die Datei in das Feld ziehen; GitHub fügt dann den Link ein."
            )
            continue
        links.sort()
        prefix = line[: links[0][0]].strip(" :–-\t")
        for _, url, link_text in links:
            name = attachment_name(url)
            if name is None:
                errors.append(
                    f"Materialien als Datei: „{url[:100]}“ ist keine auf GitHub angehängte "
                    "Datei. Übernommen werden nur Dateien, die Sie in dieses Feld ziehen "
                    "(Adressen https://github.com/user-attachments/…); Links zu anderen "
                    "Seiten gehören in „Materialien im Netz“."
                )
                continue
            title = prefix if len(links) == 1 and prefix else link_text
            if not title or title.lower() in ("image", "bild"):
                title = name or "Bild"
            stem, dot, extension = title.rpartition(".")
            if dot and stem and extension.lower() in schema.MATERIAL_TYPES:
                title = stem  # GitHub's link text is the file name: „Lesepass.pdf“ → „Lesepass“
            found.append(Attachment(title=" ".join(title.split()), url=url, name=name))
    return found, errors


# --- downloading ----------------------------------------------------------------------------


def _allowed(url: str, policy: DownloadPolicy) -> bool:
    try:
        parts = urllib.parse.urlsplit(url)
        port = parts.port
    except ValueError:
        return False
    if parts.scheme not in policy.schemes or parts.username or parts.password:
        return False
    host = (parts.hostname or "").lower()
    if port is not None and policy.schemes == frozenset({"https"}) and port != 443:
        return False
    return host in policy.hosts


class _Redirects(urllib.request.HTTPRedirectHandler):
    def __init__(self, policy: DownloadPolicy) -> None:
        super().__init__()
        self.policy = policy
        self.max_redirections = policy.max_redirects

    def _check(self, req, headers) -> None:
        location = headers.get("location") or headers.get("uri") or ""
        newurl = urllib.parse.urljoin(req.full_url, location)
        if not _allowed(newurl, self.policy):
            host = urllib.parse.urlsplit(newurl).hostname or newurl[:60]
            raise AttachmentError(
                f"Die Datei wird von GitHub auf eine andere Adresse ({host}) umgeleitet; "
                "solche Downloads werden nicht übernommen."
            )

    # Checked before urllib looks at the new address at all (it would try ftp: too).
    def http_error_302(self, req, fp, code, msg, headers):
        self._check(req, headers)
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


def _no_proxy_handlers() -> list[urllib.request.BaseHandler]:
    # Only http(s): no file:, ftp: or data: handler a redirect could reach.
    return [
        urllib.request.ProxyHandler(),
        urllib.request.HTTPHandler(),
        urllib.request.HTTPSHandler(),
    ]


def fetch(url: str, policy: DownloadPolicy = DEFAULT_POLICY) -> bytes:
    """The bytes behind ``url``, at most ``policy.max_bytes``, read in pieces."""
    if not _allowed(url, policy):
        raise AttachmentError(f"„{url[:100]}“ ist keine Adresse, von der Dateien geladen werden.")
    opener = urllib.request.OpenerDirector()
    handlers = (
        *_no_proxy_handlers(),
        _Redirects(policy),
        urllib.request.HTTPDefaultErrorHandler(),
        urllib.request.HTTPErrorProcessor(),
    )
    for handler in handlers:
        opener.add_handler(handler)
    request = urllib.request.Request(url, headers=policy.headers)
    limit = policy.max_bytes
    too_big = AttachmentError(
        f"Die Datei ist größer als {limit // (1024 * 1024)} MiB; bitte verkleinern oder per "
        "E-Mail an die Redaktion schicken."
    )
    try:
        with opener.open(request, timeout=policy.timeout) as response:
            if response.status != 200:
                raise AttachmentError(
                    f"Die Datei konnte nicht geladen werden (HTTP {response.status})."
                )
            if not _allowed(response.geturl(), policy):  # belt and braces
                raise AttachmentError("Die Datei kam von einer nicht erlaubten Adresse.")
            length = response.headers.get("Content-Length")
            if length and length.strip().isdigit() and int(length) > limit:
                raise too_big
            buffer = io.BytesIO()
            while chunk := response.read(64 * 1024):
                buffer.write(chunk)
                if buffer.tell() > limit:
                    raise too_big
            return buffer.getvalue()
    except AttachmentError:
        raise
    except urllib.error.HTTPError as error:
        raise AttachmentError(
            f"Die Datei konnte nicht geladen werden (HTTP {error.code})."
        ) from None
    except (OSError, http.client.HTTPException, ValueError):
        raise AttachmentError(
            "Die Datei konnte nicht geladen werden (keine Verbindung oder abgebrochen)."
        ) from None


# --- checking the type ----------------------------------------------------------------------

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # doc, xls, ppt
_ODF = {
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
}
_OOXML = {"docx": "word/", "xlsx": "xl/", "pptx": "ppt/"}


def sniff(data: bytes) -> str | None:
    """The extension the first bytes stand for (images and PDF), for names without one."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    return None


def _zip_member(data: bytes, extension: str) -> bool:
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            if extension in _ODF:
                if "mimetype" not in names or archive.getinfo("mimetype").file_size > 100:
                    return False
                return archive.read("mimetype").decode("ascii", "replace") == _ODF[extension]
            prefix = _OOXML[extension]
            return "[Content_Types].xml" in names and any(n.startswith(prefix) for n in names)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, RuntimeError):
        return False


def type_matches(extension: str, data: bytes) -> bool:
    """Whether the content is what its extension says."""
    if extension in ("jpg", "jpeg"):
        return sniff(data) == "jpg"
    if extension in ("pdf", "png", "gif", "webp"):
        return sniff(data) == extension
    if extension in _ODF or extension in _OOXML:
        return _zip_member(data, extension)
    if extension in ("doc", "xls", "ppt"):
        return data.startswith(_OLE)
    if extension in ("txt", "csv"):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            return False
        return "\x00" not in text
    return False


def material_name(attachment: Attachment, data: bytes, taken: set[str]) -> str:
    """A safe, unused file name (``lesepass.pdf``) once the type is checked."""
    allowed = ", ".join(sorted(schema.MATERIAL_TYPES))
    stem, dot, extension = attachment.name.rpartition(".")
    extension = extension.lower() if dot else ""
    if not dot:
        stem, extension = attachment.name, sniff(data) or ""
    label = attachment.name or attachment.title
    if extension not in schema.MATERIAL_TYPES:
        shown = f"„.{extension}“" if extension else "ohne Endung"
        raise AttachmentError(
            f"„{label[:80]}“: Dateityp {shown} ist nicht erlaubt. Erlaubt: {allowed}."
        )
    if not type_matches(extension, data):
        raise AttachmentError(
            f"„{label[:80]}“ ist dem Inhalt nach keine .{extension}-Datei. Bitte die Datei "
            "in ihrem eigenen Format anhängen (z. B. als PDF speichern)."
        )
    base = propose_id(stem or attachment.title or "material")[:MAX_NAME].strip("-") or "material"
    name, number = f"{base}.{extension}", 2
    while name in taken:
        name, number = f"{base}-{number}.{extension}", number + 1
    taken.add(name)
    return name
