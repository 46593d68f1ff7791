"""Check a Linux one-folder bundle against the system and the .deb's Depends.

    python3 packaging/check_bundle.py packaging/out/dist/assist --depends "libc6 (>= 2.36), libx11-6, …"

1. every ELF file in the bundle resolves all its libraries (bundle first, then the system);
2. every library taken from the system belongs to a Debian package that the Depends line
   pulls in (directly or through the packages' own Depends), or to an essential package;
3. the newest GLIBC_x.y symbol version needed is covered by ``libc6 (>= …)`` in Depends.

Prints what it found; exits 1 with the reason on any failure. Debian/Ubuntu only (dpkg, apt-cache).
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path


def elf_files(root: Path) -> list[Path]:
    out = []
    for p in root.rglob("*"):
        if p.is_file() and not p.is_symlink():
            with p.open("rb") as fh:
                if fh.read(4) == b"\x7fELF":
                    out.append(p)
    return out


def lib_dirs(root: Path, files: list[Path]) -> list[str]:
    return sorted({str(f.parent) for f in files if ".so" in f.name})


def ldd(path: Path, env: dict[str, str]) -> list[tuple[str, str | None]]:
    r = subprocess.run(["ldd", str(path)], capture_output=True, text=True, env=env)
    out = []
    for line in r.stdout.splitlines():
        line = line.strip()
        m = re.match(r"(\S+) => (not found|(\S+) \(0x[0-9a-f]+\))", line)
        if m:
            out.append((m.group(1), None if m.group(2) == "not found" else m.group(3)))
    return out


def owner_packages(paths: list[str]) -> dict[str, str]:
    """path -> Debian package, with one dpkg -S call (merged /usr: try both spellings)."""
    spell: dict[str, str] = {}
    for path in paths:
        for c in {path, os.path.realpath(path)}:
            spell[c] = path
            if c.startswith("/usr/lib/"):
                spell[c[len("/usr"):]] = path
            elif c.startswith("/lib/"):
                spell["/usr" + c] = path
    r = subprocess.run(["dpkg", "-S", *sorted(spell)], capture_output=True, text=True)
    out: dict[str, str] = {}
    for line in r.stdout.splitlines():
        pkg, _, file = line.partition(": ")
        if file.strip() in spell:
            out.setdefault(spell[file.strip()], pkg.split(",")[0].split(":")[0].strip())
    return out


def parse_depends(line: str) -> tuple[list[list[str]], str | None]:
    groups, glibc = [], None
    for item in filter(None, (s.strip() for s in line.split(","))):
        alts = []
        for alt in item.split("|"):
            name = alt.strip().split()[0]
            alts.append(name)
            m = re.search(r"\(>=\s*([0-9.]+)", alt)
            if name == "libc6" and m:
                glibc = m.group(1)
        groups.append(alts)
    return groups, glibc


def closure(pkgs: list[str]) -> set[str]:
    r = subprocess.run(
        ["apt-cache", "depends", "--recurse", "--no-recommends", "--no-suggests", "--no-conflicts",
         "--no-breaks", "--no-replaces", "--no-enhances", "--installed", *pkgs],
        capture_output=True, text=True,
    )
    names = set(pkgs)
    for line in r.stdout.splitlines():
        s = line.strip()
        if s.startswith(("Depends:", "PreDepends:", "|Depends:", "|PreDepends:")):
            names.add(s.split(":", 1)[1].strip().strip("<>").split(":")[0])
        elif s and not s.startswith(("|", "Conflicts", "Breaks", "Replaces", "Recommends", "Suggests", "Enhances")) and ":" not in s:
            names.add(s.strip("<>"))
    return names


def essential() -> set[str]:
    r = subprocess.run(["dpkg-query", "-W", "-f=${Package} ${Essential} ${Priority}\n"], capture_output=True, text=True)
    out = set()
    for line in r.stdout.splitlines():
        parts = line.split()
        if len(parts) >= 3 and (parts[1] == "yes" or parts[2] == "required"):
            out.add(parts[0])
    return out


def max_glibc(files: list[Path]) -> str | None:
    best: tuple[int, ...] = ()
    r = subprocess.run(["objdump", "-T", *map(str, files)], capture_output=True, text=True)
    if True:
        for v in re.findall(r"GLIBC_([0-9.]+)", r.stdout):
            t = tuple(int(x) for x in v.split("."))
            best = max(best, t)
    return ".".join(map(str, best)) if best else None


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("bundle", type=Path)
    ap.add_argument("--depends", default="", help="the Depends: line of the .deb")
    args = ap.parse_args()
    root = args.bundle.resolve()
    files = elf_files(root)
    if not files:
        print(f"check_bundle: no ELF files under {root}", file=sys.stderr)
        return 1
    env = dict(os.environ, LD_LIBRARY_PATH=":".join(lib_dirs(root, files)))
    missing: dict[str, set[str]] = {}
    system: dict[str, set[str]] = {}
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda f: (f, ldd(f, env)), files))
    for f, deps in results:
        for name, where in deps:
            if where is None:
                missing.setdefault(name, set()).add(str(f.relative_to(root)))
            elif not where.startswith(str(root)):
                system.setdefault(where, set()).add(name)
    failures = []
    for name, users in sorted(missing.items()):
        failures.append(f"{name} not found (needed by {', '.join(sorted(users)[:3])})")
    pkgs = owner_packages(sorted(system))
    for path in sorted(set(system) - set(pkgs)):
        failures.append(f"{path}: no Debian package owns it")
    needed = sorted(set(pkgs.values()))
    glibc = max_glibc(files)
    print(f"check_bundle: {len(files)} ELF files; system packages used: {' '.join(needed)}")
    print(f"check_bundle: newest glibc symbol needed: GLIBC_{glibc}")
    if args.depends:
        groups, dep_glibc = parse_depends(args.depends)
        first = [g[0] for g in groups]
        allowed = closure(first) | essential()
        for pkg in needed:
            if pkg not in allowed:
                failures.append(f"package {pkg} is used by the bundle but not pulled in by Depends")
        if glibc:
            want = tuple(int(x) for x in glibc.split("."))
            have = tuple(int(x) for x in dep_glibc.split(".")) if dep_glibc else ()
            if have < want:
                failures.append(f"the bundle needs GLIBC_{glibc}: Depends should say libc6 (>= {glibc})")
    for msg in failures:
        print(f"check_bundle: FAIL: {msg}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
