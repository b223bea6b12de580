"""Where `beian validate` spends its time, in one process: per-rule CPU time and a cProfile of the batch.

    python benchmarks/profile_validate.py -n 1000             # per-rule table + top 40 functions
    python benchmarks/profile_validate.py -n 1000 --sort tottime --top 60

Generates the same drafts as benchmarks/validate.py, lints them with `batch.lint_files(..., workers=1)`
(first a warm-up pass over 50 drafts, so import and first-use costs are not in the numbers), then times each
rule by wrapping its `check`. Numbers are per draft; compare ratios within one run (the machine is noisy).
"""

from __future__ import annotations

import argparse
import cProfile
import dataclasses
import os
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from validate import generate


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=1000)
    ap.add_argument("--sort", default="cumulative")
    ap.add_argument("--top", type=int, default=40)
    ap.add_argument("--no-profile", action="store_true", help="only the per-rule table")
    ap.add_argument("--repeat", type=int, default=1,
                    help="timing passes (each on drafts of its own); prints the min and median")
    ap.add_argument("--time-only", action="store_true", help="only the timing passes (for A/B runs of two trees)")
    ap.add_argument("--rule", help="profile only this rule's check (e.g. BA101) instead of the whole batch")
    args = ap.parse_args()
    os.environ.setdefault("BEIAN_NOW", "2026-11-26")
    from beiancli import batch, clock
    from beiancli.rules import registry

    with tempfile.TemporaryDirectory() as tmp:
        # Each pass gets drafts of its own (another seed): the per-process caches of phone and e-mail checks
        # would otherwise make every pass after the first look cheaper than a real batch.
        def drafts(seed: int, n: int) -> list[tuple[Path, bool]]:
            d = Path(tmp) / f"s{seed}"
            d.mkdir()
            return [(p, True) for p in generate(n, d, seed=seed)]

        opts = batch.Options(today=clock.today())
        batch.lint_files(drafts(99, 50), None, opts, workers=1)

        passes = []
        for r in range(args.repeat):
            items = drafts(100 + r, args.n)
            t0 = time.process_time()
            batch.lint_files(items, None, opts, workers=1)
            passes.append(time.process_time() - t0)
        total = statistics.median(passes)
        if args.time_only:
            print(f"{min(passes) / args.n * 1000:.3f} ms/draft min, {total / args.n * 1000:.3f} median "
                  f"of {args.repeat} passes over {args.n} drafts")
            return
        items = drafts(2, args.n)

        spent: dict[str, float] = {}
        original = registry.RULES

        rule_prof = cProfile.Profile() if args.rule else None

        def timed(rule):
            def check(ctx):
                profiling = rule_prof is not None and rule.id == args.rule
                if profiling:
                    rule_prof.enable()
                t = time.perf_counter()
                out = list(rule.check(ctx))
                spent[rule.id] = spent.get(rule.id, 0.0) + time.perf_counter() - t
                if profiling:
                    rule_prof.disable()
                return out

            return dataclasses.replace(rule, check=check)

        registry.RULES = tuple(timed(r) for r in original)
        try:
            t0 = time.process_time()
            batch.lint_files(items, None, opts, workers=1)
            wrapped = time.process_time() - t0
        finally:
            registry.RULES = original
        rules_total = sum(spent.values())
        print(f"{args.n} drafts in one process: {total / args.n * 1000:.3f} ms CPU per draft "
              f"(rules {rules_total / args.n * 1000:.3f} ms, measured in a second pass: {wrapped / args.n * 1000:.3f} ms)")
        print()
        print("| rule | µs/draft |")
        print("|---|---:|")
        for rid, s in sorted(spent.items(), key=lambda kv: -kv[1])[:args.top if args.no_profile else 25]:
            print(f"| {rid} {registry.get(rid).name} | {s / args.n * 1e6:8.1f} |")
        if rule_prof is not None:
            print()
            pstats.Stats(rule_prof).sort_stats(args.sort).print_stats(args.top)
            return
        if args.no_profile:
            return
        items = drafts(3, args.n)
        prof = cProfile.Profile()
        prof.enable()
        batch.lint_files(items, None, opts, workers=1)
        prof.disable()
        print()
        pstats.Stats(prof).sort_stats(args.sort).print_stats(args.top)


if __name__ == "__main__":
    main()
