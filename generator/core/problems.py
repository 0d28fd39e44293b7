"""Content problems as contributors see them: ``path:line: message``."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Problem:
    """One finding at ``path:line``; a ``warning`` is reported but does not fail the build."""

    path: str
    line: int
    message: str
    warning: bool = False

    def text(self) -> str:
        prefix = "Warnung: " if self.warning else ""
        return f"{self.path}:{self.line}: {prefix}{self.message}"

    def github(self) -> str:
        """A GitHub Actions workflow command that annotates the line in a pull request."""
        level = "warning" if self.warning else "error"
        return (
            f"::{level} file={_escape_property(self.path)},line={self.line}::"
            f"{_escape_data(self.message)}"
        )


def _one_line(message: str) -> str:
    """Messages quote contributor values, which may hold line breaks; one problem, one line."""
    return " ".join(message.splitlines())


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


@dataclass
class Problems:
    """Collects every problem of a run, so that a contributor sees all of them at once."""

    items: list[Problem] = field(default_factory=list)

    def error(self, path: str, line: int, message: str) -> None:
        self.items.append(Problem(path, line, _one_line(message)))

    def warn(self, path: str, line: int, message: str) -> None:
        self.items.append(Problem(path, line, _one_line(message), warning=True))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.sorted() if not p.warning]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.sorted() if p.warning]

    def sorted(self) -> list[Problem]:
        return sorted(set(self.items), key=lambda p: (p.path, p.line, p.warning, p.message))

    def __bool__(self) -> bool:
        return bool(self.items)
