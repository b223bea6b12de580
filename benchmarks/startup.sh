#!/usr/bin/env bash
# Start-up time of the commands people meet first, as whole processes: median of N runs, interleaved so that
# machine noise hits every command alike. Anyone can rerun it; tests never assert wall time (CONTRIBUTING).
#
#   benchmarks/startup.sh                 # N=21 runs each, the `beian` on PATH (or .venv/bin/beian)
#   N=41 BEIAN=.venv/bin/beian benchmarks/startup.sh
#   BYTECODE=1 benchmarks/startup.sh      # first byte-compile the package, as `pip install` of a wheel does
#
# Uses hyperfine when it is installed (HYPERFINE=0 to skip it). Runs as a fresh user: HOME is an empty
# directory and no BEIAN_*/XDG_* variable is set, so the data and config directories come from platformdirs
# (as on a user's machine) and there is no history file: the path `beian check-domain example.com` takes on a
# fresh machine (target: < 150 ms median).
# Note: with PYTHONDONTWRITEBYTECODE=1 and an editable install, Python recompiles every beiancli module on
# every run (../shared/notes/measurements.md); BYTECODE=1 shows the installed-wheel case.
set -euo pipefail
cd "$(dirname "$0")/.."

N=${N:-21}
if [[ -z "${BEIAN:-}" ]]; then
  if [[ -x .venv/bin/beian ]]; then BEIAN=.venv/bin/beian; else BEIAN=$(command -v beian); fi
fi
PY=${PYTHON:-$(dirname "$BEIAN")/python}
[[ -x "$PY" ]] || PY=python3

FRESH_HOME=$(mktemp -d)
trap 'rm -rf "$FRESH_HOME"' EXIT
PY=$(command -v "$PY" || echo "$PY")
BEIAN=$(command -v "$BEIAN" || echo "$BEIAN")
BEIAN=$(cd "$(dirname "$BEIAN")" && pwd)/$(basename "$BEIAN")
[[ "$PY" == /* ]] || PY=$(cd "$(dirname "$PY")" && pwd)/$(basename "$PY")
for var in $(env | grep -oE '^(BEIAN|XDG)_[A-Z_]+' || true); do unset "$var"; done
export HOME=$FRESH_HOME
cd "$FRESH_HOME"  # no beian.toml / pyproject.toml of this repository is found as project config

PKG=$("$PY" -c 'import beiancli, os; print(os.path.dirname(beiancli.__file__))')
if [[ "${BYTECODE:-0}" == 1 ]]; then
  "$PY" -m compileall -q "$PKG" >/dev/null
fi
echo "beiancli at $PKG: $(find "$PKG" -name '*.pyc' | wc -l) byte-compiled files; PYTHONDONTWRITEBYTECODE=${PYTHONDONTWRITEBYTECODE:-unset}"

CMDS=("$PY -c pass" "$BEIAN --help" "$BEIAN check-domain example.com" "$BEIAN check-domain example.com --json")

if [[ "${HYPERFINE:-1}" == 1 ]] && command -v hyperfine >/dev/null 2>&1; then
  exec hyperfine -N --warmup 3 --runs "$N" --style basic "${CMDS[@]}"
fi

"$PY" - "$N" "${CMDS[@]}" <<'PYEOF'
import os, shlex, statistics, subprocess, sys, time

n = int(sys.argv[1])
cmds = sys.argv[2:]
times = {c: [] for c in cmds}
for c in cmds:  # warm the file cache
    subprocess.run(shlex.split(c), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
for _ in range(n):
    for c in cmds:
        t = time.perf_counter()
        subprocess.run(shlex.split(c), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times[c].append((time.perf_counter() - t) * 1000)
floor = statistics.median(times[cmds[0]])
print(f"{os.cpu_count()} CPUs, {n} runs each, load average {os.getloadavg()[0]:.2f}")
print(f"| {'command':<52} | {'median ms':>9} | {'min ms':>7} | {'over floor':>10} |")
print(f"|{'-' * 54}|{'-' * 11}:|{'-' * 8}:|{'-' * 11}:|")
for c in cmds:
    med, lo = statistics.median(times[c]), min(times[c])
    short = c.replace(os.path.dirname(cmds[1].split()[0]) + "/", "") if "/" in cmds[1].split()[0] else c
    print(f"| {short:<52} | {med:9.1f} | {lo:7.1f} | {med - floor:10.1f} |")
PYEOF
