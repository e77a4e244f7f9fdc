"""`make bench`: every benchmark in turn (each is also runnable on its own)."""

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHMARKS = ["article_page.py", "discussion.py"]

if __name__ == "__main__":
    for name in BENCHMARKS:
        print(f"\n## {name}\n", flush=True)
        subprocess.run([sys.executable, str(HERE / name), *sys.argv[1:]], check=True)
