"""Reading and writing the planner's files safely.

Writes are atomic (a crash mid-write leaves the old file, never half a new
one), follow a symbolic link to the file it names, and refuse anything that
is neither a regular file nor absent (a device, a pipe, a socket, a folder),
which a rename would otherwise replace. Reads never block on opening (a pipe
with no writer), refuse what is not a regular file (``/dev/zero`` would feed
bytes for ever) and read at most a limit, whatever the size claims.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from planner.errors import PlannerError, invalid_character, printable

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISSOCK, "a socket"),
)


class UnreadableFileError(PlannerError):
    """A file that cannot be read as data; the message says why, without the path."""


def kind_of(mode: int) -> str:
    """What a file of this `st_mode` is, in words ("a named pipe")."""
    for test, name in _KINDS:
        if test(mode):
            return name
    return "not a regular file"


def read_bounded(path: str | Path, limit: int) -> bytes:
    """The bytes of a regular file of at most `limit` bytes (UnreadableFileError if not).

    Opened without blocking (``O_NONBLOCK``: a FIFO with no writer returns at
    once) and checked with ``fstat`` on the open descriptor, so what is read is
    what was checked; at most ``limit + 1`` bytes are read, so a file that
    grows meanwhile or lies about its size cannot exhaust memory.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        handle = os.open(path, flags | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise UnreadableFileError("no such file") from None
    except PermissionError:
        raise UnreadableFileError("permission denied") from None
    except OSError as exc:
        raise UnreadableFileError(f"cannot be read ({exc.strerror or exc})") from None
    try:
        mode = os.fstat(handle).st_mode
        if stat.S_ISDIR(mode):
            raise UnreadableFileError("this is a folder, not a file")
        if not stat.S_ISREG(mode):
            raise UnreadableFileError(f"this is {kind_of(mode)}, not a regular file")
        if os.fstat(handle).st_size > limit:
            raise UnreadableFileError(f"the file is larger than {_size(limit)}")
        return _read_at_most(lambda size: os.read(handle, size), limit, "the file")
    except OSError as exc:  # fstat on an odd file system
        raise UnreadableFileError(f"cannot be read ({exc.strerror or exc})") from None
    finally:
        os.close(handle)


DASH = "-"
"""The file name meaning standard input (as FILE) or standard output (as ``-o``)."""


def read_stdin_bounded(limit: int) -> bytes:
    """Standard input's bytes, at most `limit` (UnreadableFileError if more, or a terminal).

    A terminal is refused rather than waited on: a planner who typed ``-`` by
    mistake gets a line, not a command that seems to hang.
    """
    stream = sys.stdin
    if stream is None or stream.closed:
        raise UnreadableFileError("standard input is closed")
    if stream.isatty():
        raise UnreadableFileError("standard input is a terminal; pipe a scenario in (- < FILE)")
    return _read_at_most(stream.buffer.read, limit, "the input")


def _read_at_most(read: Callable[[int], bytes], limit: int, what: str) -> bytes:
    """At most ``limit + 1`` bytes from `read`, so a lying or growing source cannot exhaust
    memory; UnreadableFileError when there are more than `limit` or reading fails."""
    chunks, left = [], limit + 1
    try:
        while left > 0:
            chunk = read(min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    except OSError as exc:
        raise UnreadableFileError(f"cannot be read ({exc.strerror or exc})") from None
    data = b"".join(chunks)
    if len(data) > limit:
        raise UnreadableFileError(f"{what} is larger than {_size(limit)}")
    return data


def _size(limit: int) -> str:
    return f"{limit // 2**20} MiB" if limit >= 2**20 else f"{limit:,} bytes"


def _same_file(one: Path, other: str) -> bool:
    try:
        return os.path.samefile(one, other)
    except OSError:
        return False


def write_target(target: Path) -> Path:
    """The file a write to `target` must replace: the end of its symbolic links.

    Raises OSError (with a sentence as its ``strerror``) when that is there
    and not a regular file: renaming over it would replace a device node or a
    pipe with our file.
    """
    real = Path(os.path.realpath(target))
    try:
        mode = os.stat(real).st_mode
    except FileNotFoundError:
        return real
    if stat.S_ISREG(mode):
        return real
    code = errno.EISDIR if stat.S_ISDIR(mode) else errno.EEXIST
    raise OSError(code, f"it is {kind_of(mode)}, not a regular file")


def write_atomically(target: Path, data: str | bytes) -> None:
    """Write beside the target, fsync, then rename over it (OSError if the disk refuses).

    A symbolic link stays and its target gets the new content; a target that
    is neither a regular file nor absent is refused (see :func:`write_target`).
    Text is written as UTF-8 exactly as given (no newline translation). The
    file keeps the permissions of the one it replaces; a new file gets the
    ordinary 0644 rather than mkstemp's private 0600.
    """
    try:
        payload = data.encode("utf-8") if isinstance(data, str) else data
    except UnicodeEncodeError as exc:  # a lone surrogate: refused at validation, never written
        bad = invalid_character(exc.object[exc.start : exc.end]) or "a character UTF-8 cannot hold"
        raise OSError(errno.EINVAL, f"the text holds a {bad}, which no file can store") from None
    real = write_target(Path(target))
    handle, temporary = tempfile.mkstemp(dir=real.parent, prefix=f".{real.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, real.stat().st_mode & 0o777 if real.exists() else 0o644)
        os.replace(temporary, real)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def output_path(text: str, what: str, keep: str | None = None, binary: bool = False) -> Path:
    """A path we can write `what` to, or a PlannerError saying why not (before any work).

    `keep` is an input of the same command (the scenario file): writing the
    output over it, under its own name or through a link, would destroy it.
    ``-`` is standard output (:func:`write_output`); a `binary` output (the
    PDF) is refused there when it is a terminal, which it would garble.
    """
    if text == DASH:
        if binary and sys.stdout.isatty():
            raise PlannerError(f"will not write {what} to a terminal; redirect it: -o - > FILE")
        return Path(DASH)
    output = Path(text)
    try:
        real = write_target(output)
    except OSError as exc:
        raise PlannerError(f"cannot write {what} to {printable(text)}: {exc.strerror}") from None
    if keep is not None and real.exists() and _same_file(real, keep):
        raise PlannerError(
            f"cannot write {what} to {printable(text)}: it is the input file {printable(keep)}"
        )
    if not real.parent.is_dir():
        raise PlannerError(
            f"cannot write {what} to {printable(text)}: it is in a folder that does not exist"
        )
    return output


def write_output(output: Path, data: str | bytes) -> None:
    """Write a command's output whole: to standard output for ``-``, else atomically.

    Raises OSError when it cannot be written.
    """
    if str(output) != DASH:
        write_atomically(output, data)
        return
    sys.stdout.flush()
    sys.stdout.buffer.write(data.encode("utf-8") if isinstance(data, str) else data)
    sys.stdout.buffer.flush()


def input_label(name: str) -> str:
    """A FILE argument as messages name it: ``-`` is standard input."""
    return "standard input" if name == DASH else printable(name)


def output_label(output: str) -> str:
    """An output argument as messages name it: ``-`` is standard output."""
    return "standard output" if output == DASH else printable(output)


def status_stream(output: str) -> TextIO:
    """Where a command says what it wrote: stderr when the document itself is on stdout."""
    return sys.stderr if output == DASH else sys.stdout
