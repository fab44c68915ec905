#!/usr/bin/env python3
"""Per-function instruction counts of B minus A (two callgrind outputs of the same binary), to
isolate the cost of the keystrokes: cg_diff.py OPEN.out EDITS.out [N_EDITS] [--inclusive] [--top=N]
(the N largest differences, 40 by default)."""
import re
import subprocess
import sys


def table(path, inclusive):
    args = ["callgrind_annotate", "--threshold=100", "--auto=no"]
    if inclusive:
        args.append("--inclusive=yes")
    out = subprocess.run(args + [path], capture_output=True, text=True, check=True).stdout
    rows = {}
    for line in out.splitlines():
        m = re.match(r"\s*([\d,]+) \(\s*[\d.]+%\)\s+(.*)$", line)
        if m and "PROGRAM TOTALS" not in line:
            name = re.sub(r" \[[^\]]*\]$", "", m.group(2))
            rows[name] = rows.get(name, 0) + int(m.group(1).replace(",", ""))
    return rows


def main():
    pos = [a for a in sys.argv[1:] if not a.startswith("--")]
    inclusive = "--inclusive" in sys.argv
    a, b = table(pos[0], inclusive), table(pos[1], inclusive)
    n = int(pos[2]) if len(pos) > 2 else 1
    diff = sorted(((b.get(k, 0) - a.get(k, 0), k) for k in set(a) | set(b)), reverse=True)
    total = sum(d for d, _ in diff if d > 0) if not inclusive else None
    top = next((int(a.split("=", 1)[1]) for a in sys.argv[1:] if a.startswith("--top=")), 40)
    for d, k in diff[:top]:
        share = f" {100.0 * d / total:5.1f}%" if total else ""
        print(f"{d // n:>14,}{share}  {k[:200]}")


if __name__ == "__main__":
    main()
