"""Convert old office formats with LibreOffice (`soffice --headless --convert-to`), for the readers of .doc/.wps.

Each conversion runs with a private LibreOffice profile (`-env:UserInstallation`) in its own temporary folder,
so parallel ingest workers never share one and a desktop LibreOffice the user has open is left alone; a fresh
profile costs no measurable time over a reused one, and nothing is left behind. A conversion that hangs is
killed, with the processes it started, after `TIMEOUT_SECONDS`.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from ingest.errors import DocumentError

TIMEOUT_SECONDS = 180
DEBIAN_PACKAGES = {"docx": "libreoffice-writer-nogui", "xls": "libreoffice-calc-nogui"}


def soffice() -> str | None:
    """The LibreOffice executable on PATH, if any."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(data: bytes, file_name: str, source_suffix: str, target: str) -> bytes:
    """Convert a file's bytes to `target` (a LibreOffice --convert-to format such as `docx` or `xls`)."""
    executable = soffice()
    extension = target.split(":")[0]
    if executable is None:
        package = DEBIAN_PACKAGES.get(extension, "libreoffice")
        raise DocumentError(
            f"{file_name}: reading {source_suffix} files needs LibreOffice, which is not installed; "
            f"install it with: apt-get install {package}"
        )
    with tempfile.TemporaryDirectory(prefix="medinsure-convert-") as folder:
        source = Path(folder) / f"input{source_suffix}"
        source.write_bytes(data)
        command = [
            executable,
            f"-env:UserInstallation={(Path(folder) / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            target,
            "--outdir",
            folder,
            str(source),
        ]
        process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True, cwd=folder
        )
        try:
            _, stderr = process.communicate(timeout=TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise DocumentError(
                f"{file_name}: LibreOffice did not convert it to {extension} within {TIMEOUT_SECONDS} s"
            ) from None
        output = Path(folder) / f"input.{extension}"
        if not output.exists():
            detail = stderr.decode(errors="replace").strip().splitlines()[-1:] or [f"exit code {process.returncode}"]
            raise DocumentError(f"{file_name}: LibreOffice could not convert it to {extension} ({detail[0]})")
        return output.read_bytes()
