"""How ctoprep turns a file's bytes into text: one policy for every reader.

- TOML, JSON, GIFT and Aiken files are UTF-8. A byte-order mark is allowed and dropped. Other bytes are
  refused, naming the line and column of the first byte that is not UTF-8.
- A CSV file may come from Excel's plain "CSV" save, which writes Windows-1252 on US Windows. A CSV
  file that is not UTF-8 is read as Windows-1252, with a warning that says so and how to avoid it.
- A file with a NUL byte in its first 8 KiB is binary, whatever its name says, and is refused.
"""

from __future__ import annotations

from ctoprep.core.problems import ContentError, Problem, Severity

BOM = "\ufeff"


def _refuse_binary(data: bytes, shown: str, what: str) -> None:
    if b"\x00" in data[:8192]:
        raise ContentError([Problem(shown, f"this is a binary file, not {what}", line=1, col=1)])


def decode_utf8(data: bytes, shown: str, what: str) -> str:
    """``data`` as UTF-8 text (without a leading byte-order mark).

    Raises:
        ContentError: binary data, or a byte that is not UTF-8 (with its line and column).
    """
    _refuse_binary(data, shown, what)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise ContentError(
            [Problem(shown, f"{what} is not UTF-8 text", line=line, col=col, hint="save it as UTF-8")]
        ) from None
    return text.removeprefix(BOM)


def decode_csv(data: bytes, shown: str, warnings: list[Problem]) -> str:
    """A CSV file's text: UTF-8 if it is, else Windows-1252 with a warning appended to ``warnings``.

    Raises:
        ContentError: binary data.
    """
    _refuse_binary(data, shown, "a CSV file")
    try:
        return data.decode("utf-8").removeprefix(BOM)
    except UnicodeDecodeError:
        warnings.append(
            Problem(
                shown,
                "file is not UTF-8; read it as Windows-1252 (Excel's default)",
                hint="save as 'CSV UTF-8' to be sure accented letters come through",
                severity=Severity.WARNING,
            )
        )
        return data.decode("cp1252", errors="replace")


__all__ = ["decode_csv", "decode_utf8"]
