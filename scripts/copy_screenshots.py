"""Copy the README's screenshots from the browser suite's output into docs/screenshots/.

Run the browser tests first (`make test`, or `.venv/bin/python -m pytest -m browser`),
then `.venv/bin/python -m scripts.copy_screenshots`, and commit docs/screenshots/.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "test-artifacts"
TARGET = ROOT / "docs" / "screenshots"
# README name <- the browser suite's screenshot.
SCREENSHOTS = {
    "list.png": "list-full.png",
    "create.png": "create.png",
    "share.png": "share.png",
    "share-phone.png": "share-phone.png",
}


def main() -> int:
    missing = [name for name in SCREENSHOTS.values() if not (SOURCE / name).exists()]
    if missing:
        print(f"Run the browser tests first; missing in {SOURCE}: {', '.join(missing)}")
        return 1
    TARGET.mkdir(parents=True, exist_ok=True)
    for target, source in SCREENSHOTS.items():
        shutil.copyfile(SOURCE / source, TARGET / target)
        print(f"docs/screenshots/{target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
