"""Run the fuzzing properties of tests/test_fuzz.py for many examples, outside CI, and count failures.

    python benchmarks/fuzz.py 100000                      # N examples of each property
    python benchmarks/fuzz.py 20000 --property draft      # one property (draft | history | domain | toml)
    python benchmarks/fuzz.py 100000 --minutes 25         # stop each property after 25 minutes

Each example is one generated or mutated input (a draft, a history file or a domain string) through one
command picked at random (tests/fuzzing.py lists them), run in-process with a timer. A failure is an exit code
outside 0-3, a traceback, a hang, or a failing command that changed its input file. The `toml` property (not
in `all`) is tests/test_tomlcompat.py's: a random edit of an example, or a generated document, read by
tomlcompat.loads (rtoml) and by tomli must give the same values or the same error. Unlike the test, a
failure does not stop the run: every failing example is counted and the first few of each kind printed.
Exit code: 0 when no example failed, 1 otherwise.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("LANG", "en_US.UTF-8")
os.environ["COLUMNS"] = "200"
for var in ("BEIAN_LANG", "BEIAN_PROVIDER", "BEIAN_HISTORY", "BEIAN_DATA_DIR", "GITHUB_ACTIONS", "BEIAN_DEBUG"):
    os.environ.pop(var, None)


class TimeUp(Exception):
    pass


def run_property(name: str, n: int, minutes: float | None, save: Path | None = None
                 ) -> tuple[int, list[tuple[str, str]], float]:
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import strategies as st
    from tests import fuzzing as fz

    strategies = {
        "draft": (fz.documents(fz.draft_dicts()), fz.N_DRAFT_COMMANDS, fz.check_draft),
        "history": (fz.documents(fz.history_dicts()), fz.N_HISTORY_COMMANDS, fz.check_history),
        "domain": (fz.domain_strings(), fz.N_DOMAIN_COMMANDS, fz.check_domain),
        "toml": (_toml_texts(), 1, _check_toml),
    }
    inputs, n_commands, check = strategies[name]
    count = 0
    failures: list[tuple[str, str]] = []
    start = time.monotonic()
    deadline = start + minutes * 60 if minutes else None

    with tempfile.TemporaryDirectory(prefix=f"beian-fuzz-{name}-") as tmp, fz.Sandbox(Path(tmp)) as sandbox:

        @settings(max_examples=n, deadline=None, database=None, phases=[Phase.generate],
                  suppress_health_check=list(HealthCheck))
        @given(value=inputs, command=st.integers(0, n_commands - 1))
        def prop(value, command):  # type: ignore[no-untyped-def]
            nonlocal count
            if deadline is not None and time.monotonic() > deadline:
                raise TimeUp()
            count += 1
            problem = check(sandbox, value, command)
            if problem is not None:
                failures.append((problem, repr(value)[:300]))
                if save is not None:
                    save.mkdir(parents=True, exist_ok=True)
                    body = value if isinstance(value, bytes) else repr(value).encode()
                    (save / f"{name}-{len(failures):04d}.in").write_bytes(body)
                    (save / f"{name}-{len(failures):04d}.txt").write_text(f"command {command}\n{problem}\n")
            if count % 1000 == 0:
                rate = count / (time.monotonic() - start)
                print(f"  {name}: {count} examples, {len(failures)} failures ({rate:.0f}/s)", flush=True)

        with contextlib.suppress(TimeUp):
            prop()
    return count, failures, time.monotonic() - start


def _toml_texts():  # type: ignore[no-untyped-def]
    import tomli_w
    from hypothesis import strategies as st
    from tests import test_tomlcompat as t

    def edit(path, edits):  # type: ignore[no-untyped-def]
        text = path.read_text(encoding="utf-8").removeprefix("\ufeff")
        for where, cut, insert in edits:
            i = int(where * len(text))
            text = text[:i] + insert + text[i + cut:]
        return text

    def dump(data):  # type: ignore[no-untyped-def]
        try:
            return tomli_w.dumps(data)
        except (TypeError, ValueError):
            return "a = 1\n"

    edits = st.lists(st.tuples(st.floats(0, 1), st.integers(0, 3), st.sampled_from(t.SYNTAX)), min_size=1, max_size=6)
    return st.one_of(st.builds(edit, st.sampled_from(t.DOCUMENTS), edits), t.documents.map(dump))


def _check_toml(sandbox, text, command):  # type: ignore[no-untyped-def]
    import tomli
    from tests import test_tomlcompat as t

    from beiancli import tomlcompat

    fast, slow = t.outcome(tomlcompat.loads, text), t.outcome(tomli.loads, text)
    return None if fast == slow else f"tomlcompat differs from tomli: {str(fast)[:120]} vs {str(slow)[:120]}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("n", type=int, nargs="?", default=1000, help="examples per property (default 1000)")
    parser.add_argument("--property", choices=("draft", "history", "domain", "toml", "all"), default="all")
    parser.add_argument("--minutes", type=float, default=None, help="stop each property after this long")
    parser.add_argument("--save-failures", type=Path, default=None, metavar="DIR",
                        help="write each failing input (and its command and problem) to DIR")
    args = parser.parse_args()

    names = ("draft", "history", "domain") if args.property == "all" else (args.property,)
    total_examples = total_failures = 0
    for name in names:
        count, failures, seconds = run_property(name, args.n, args.minutes, args.save_failures)
        total_examples += count
        total_failures += len(failures)
        kinds = collections.Counter(problem.split(": ", 1)[-1][:120] for problem, _ in failures)
        print(f"{name}: {count} examples in {seconds:.0f} s ({count / max(seconds, 1e-9):.0f}/s), "
              f"{len(failures)} failures", flush=True)
        for kind, k in kinds.most_common(10):
            example = next(v for p, v in failures if p.split(": ", 1)[-1][:120] == kind)
            problem = next(p for p, v in failures if p.split(": ", 1)[-1][:120] == kind)
            print(f"  {k} x {problem[:300]}\n      input: {example}", flush=True)
    print(f"total: {total_examples} examples, {total_failures} failures")
    return 1 if total_failures else 0


if __name__ == "__main__":
    sys.exit(main())
