"""Where a store lives (a local folder or any pyarrow filesystem URI) and the
file operations the writer and the blob cache build on: atomic puts, listing,
removal. A reader never sees a file half written: a local file is written
to a temp name, fsynced and renamed; an object store (s3://, gs://) makes an
object visible only when its upload completes."""
from __future__ import annotations

import os
import tempfile
import time
from dataclasses import dataclass
from typing import Callable

import pyarrow as pa
import pyarrow.fs as pafs

from prescan.errors import UsageError

STORE_DIR = ".prescan"
TEMP_SUFFIX = ".tmp"
STALE_TEMP_S = 24 * 3600        # a temp file this old belongs to a writer that died


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


# mkstemp creates files readable by their owner only; store files are shared
# like any other file the user writes
FILE_MODE = 0o666 & ~_umask()


@dataclass(frozen=True)
class Entry:
    name: str                   # file name inside its folder
    path: str                   # full path on the filesystem
    size: int
    mtime: float | None


class Location:
    """A store root on one filesystem. Paths below it are '/'-joined."""

    def __init__(self, fs: pafs.FileSystem, root: str, display: str) -> None:
        self.fs = fs
        self.root = root.rstrip("/") or "/"
        self.display = display
        self.local = isinstance(fs, pafs.LocalFileSystem)

    @classmethod
    def open(cls, uri: str) -> Location:
        if "://" not in uri:
            path = os.path.abspath(os.path.expanduser(uri))
            return cls(pafs.LocalFileSystem(), path, uri)
        try:
            fs, root = pafs.FileSystem.from_uri(uri)
        except (pa.ArrowException, ValueError, OSError) as exc:
            raise UsageError("cannot open the store", detail=str(exc).splitlines()[0], path=uri,
                             hint="pass a folder or a pyarrow filesystem URI (s3://bucket/path, gs://...)"
                             ) from None
        return cls(fs, root, uri)

    def path(self, *parts: str) -> str:
        return "/".join((self.root, *parts))

    def shown(self, full: str) -> str:
        """A path as the user named the store: for error messages."""
        rel = full[len(self.root):].lstrip("/") if full.startswith(self.root) else full
        return f"{self.display.rstrip('/')}/{rel}" if rel else self.display

    def ensure(self) -> None:
        """Create the root; keep a local store out of git with a .gitignore of '*'."""
        if self.local:
            os.makedirs(self.root, exist_ok=True)
            ignore = os.path.join(self.root, ".gitignore")
            if not os.path.exists(ignore):
                self.put_bytes(".gitignore", b"# prescan's result store: not source code\n*\n")
        else:
            self.fs.create_dir(self.root, recursive=True)

    def exists(self) -> bool:
        info = self.fs.get_file_info(self.root)
        return info.type == pafs.FileType.Directory

    def list(self, folder: str) -> list[Entry]:
        """Regular files directly in folder, sorted by name; [] when it is missing."""
        full = self.path(folder)
        if self.local:
            out = []
            try:
                with os.scandir(full) as it:
                    for e in it:
                        try:
                            if e.is_file(follow_symlinks=False):
                                st = e.stat(follow_symlinks=False)
                                out.append(Entry(e.name, e.path, st.st_size, st.st_mtime))
                        except FileNotFoundError:
                            continue    # renamed or deleted by another process meanwhile
            except FileNotFoundError:
                return []
            return sorted(out, key=lambda e: e.name)
        infos = self.fs.get_file_info(pafs.FileSelector(full, allow_not_found=True))
        out = [Entry(i.base_name, i.path, i.size or 0, i.mtime.timestamp() if i.mtime else None)
               for i in infos if i.type == pafs.FileType.File]
        return sorted(out, key=lambda e: e.name)

    def put(self, folder_and_name: str, write: Callable) -> str:
        """Atomically create the file folder_and_name ('findings/ID.parquet'),
        its content written by write(sink). Returns the full path."""
        folder, _, name = folder_and_name.rpartition("/")
        full = self.path(folder_and_name)
        if not self.local:
            self.fs.create_dir(self.path(folder), recursive=True)
            with self.fs.open_output_stream(full) as sink:
                write(sink)
            return full
        directory = self.path(folder) if folder else self.root
        os.makedirs(directory, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=TEMP_SUFFIX, dir=directory)
        try:
            os.fchmod(fd, FILE_MODE)
            with os.fdopen(fd, "wb") as fh:
                write(fh)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, full)
        except BaseException:
            try:
                os.unlink(tmp)
            except FileNotFoundError:
                pass
            raise
        _fsync_dir(directory)
        return full

    def put_bytes(self, folder_and_name: str, data: bytes) -> str:
        return self.put(folder_and_name, lambda sink: sink.write(data))

    def remove(self, full: str) -> bool:
        """Delete a file; False when it was already gone (another process won)."""
        try:
            if self.local:
                os.unlink(full)
            else:
                self.fs.delete_file(full)
            return True
        except FileNotFoundError:
            return False
        except OSError as exc:
            if "does not exist" in str(exc) or "not found" in str(exc).lower():
                return False
            raise

    def sweep_temps(self, folder: str) -> None:
        """Remove temp files left by writers that were killed a day ago or more."""
        if not self.local:
            return
        now = time.time()
        for e in self.list(folder):
            if e.name.startswith(".") and e.name.endswith(TEMP_SUFFIX) and e.mtime \
                    and now - e.mtime > STALE_TEMP_S:
                self.remove(e.path)


def _fsync_dir(directory: str) -> None:
    # the rename itself must survive a crash, not only the file's bytes
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def is_temp(name: str) -> bool:
    return name.startswith(".") and name.endswith(TEMP_SUFFIX)
