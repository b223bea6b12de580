"""Time `beian validate` on N generated drafts next to the floor (reading and parsing the same files).

    python benchmarks/validate.py            # 10,000 drafts
    python benchmarks/validate.py -n 2000 --runs 5

The drafts are realistic: enterprise and individual first filings in eight provinces, one or two websites,
~2 KB each, with valid check digits (computed), material files on disk, and about one in ten carrying a
defect (a wrong check digit, an expiring ID, an emergency phone equal to the mobile, a bad site name).
Each timing is the median of --runs whole-process runs (`python -m beiancli validate DIR`), so start-up,
discovery, the process pool and writing the report are all in it; modules are byte-compiled, as after
installing a wheel (see main()). Prints a table and the ratio to the floor.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROVINCES = [("广东", "440305", "深圳市", "南山区"), ("北京", "110105", "北京市", "朝阳区"),
             ("上海", "310104", "上海市", "徐汇区"), ("浙江", "330106", "杭州市", "西湖区"),
             ("江苏", "320106", "南京市", "鼓楼区"), ("四川", "510107", "成都市", "武侯区"),
             ("湖北", "420106", "武汉市", "武昌区"), ("山东", "370102", "济南市", "历下区")]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂"
DOMAIN_DATES = "expiry_date = 2029-06-30, realname_date = 2026-11-02"  # the MIIT domain checks (BA106, BA107)
WORDS = ["技术笔记", "摄影相册", "读书札记", "旅行日志", "学习记录"]
AREA = {"4403": "0755", "1101": "010", "3101": "021", "3301": "0571", "3201": "025", "5101": "028", "4201": "027",
        "3701": "0531"}  # the landline area code of each city above: phones are local, 8-digit local numbers


def _landline(region: str, rnd: random.Random) -> str:
    return f"{AREA[region[:4]]}-{rnd.randint(2000000, 8999999)}{rnd.randint(0, 9)}"


def _ric(region: str, rnd: random.Random) -> str:
    from beiancli import ids

    body = f"{region}{rnd.randint(1993, 2003)}{rnd.randint(1, 12):02d}{rnd.randint(1, 28):02d}{rnd.randint(0, 999):03d}"
    return body + ids._gb11643_check(body)


def _uscc(region: str, rnd: random.Random) -> str:
    from beiancli import ids

    org = f"MA{rnd.randint(0, 999999):06d}"
    org += ids._gb11714_check(org)
    body = f"91{region[:4]}00{org}"
    return body + ids._gb32100_check(body)


def _person(region: str, rnd: random.Random, defect: str | None) -> str:
    name = rnd.choice(SURNAMES) + rnd.choice(GIVEN) + rnd.choice(GIVEN)
    number = _ric(region, rnd)
    if defect == "check":
        number = number[:-1] + ("0" if number[-1] != "0" else "1")
    until = "2027-01-10" if defect == "expiring" else f"20{rnd.randint(30, 45)}-0{rnd.randint(1, 9)}-15"
    mobile = f"13{rnd.randint(0, 9)}{rnd.randint(0, 99999999):08d}"
    emergency = mobile if defect == "emergency" else _landline(region, rnd)
    return (f'name = "{name}"\ncert_type = "resident-id"\ncert_number = "{number}"\n'
            f"cert_valid_until = {until}\n"
            f'mobile = "{mobile}"\nemergency_phone = "{emergency}"\nemail = "u{rnd.randint(1, 10**6)}@example.com"\n')


def draft(i: int, rnd: random.Random) -> str:
    prov, region, city, district = rnd.choice(PROVINCES)
    defect = rnd.choice(["check", "expiring", "emergency", "name"]) if rnd.random() < 0.1 else None
    head = (f"schema_version = 1\nfiling_type = \"first\"\nprovider = \"tencent\"\nprovince = \"{prov}\"\n"
            f"city = \"{city}\"\ndistrict = \"{district}\"\nplanned_submission = 2026-12-01\n\n")
    address = f"{city}{district}示例路 {rnd.randint(1, 999)} 号 {rnd.randint(1, 30)}0{rnd.randint(1, 9)} 室"
    if rnd.random() < 0.7:
        legal = rnd.choice(SURNAMES) + rnd.choice(GIVEN) + rnd.choice(GIVEN)
        person = _person(region, rnd, defect if defect in ("check", "expiring", "emergency") else None)
        person = person.replace(person.split("\n")[0], f'name = "{legal}"') + f'office_phone = "{_landline(region, rnd)}"\n'
        n_sites = rnd.choice([1, 1, 1, 2])
        sites = "".join(
            f'\n[[websites]]\nname = "{"A" if defect == "name" and s == 0 else ""}示例{i}号科技官网{s}"\n'
            f'domains = [{{ name = "example-{i}-{s}.cn", registrant = "示例{i}科技有限公司", {DOMAIN_DATES} }}]\n'
            f'content_type = "其他"\n\n'
            f"[websites.principal]\n{_person(region, rnd, None)}"
            for s in range(n_sites)
        )
        mats = ("\n[[materials]]\nkind = \"subject-cert\"\npath = \"materials/licence.png\"\n"
                "\n[[materials]]\nkind = \"subject-principal-id\"\npath = \"materials/legal-rep-id.jpg\"\n")
        for s in range(n_sites):
            mats += (f"\n[[materials]]\nkind = \"site-principal-id\"\npath = \"materials/site-principal-id.jpg\"\nsite = {s}\n"
                     f"\n[[materials]]\nkind = \"verification-photo\"\nsite = {s}\nskipped = true\n")
        mats += "\n[[materials]]\nkind = \"authenticity-form\"\nskipped = true\n"
        letter = {"广东": "commitment-letter-guangdong", "上海": "commitment-letter-shanghai"}.get(prov, "commitment-letter")
        mats += f"\n[[materials]]\nkind = \"{letter}\"\npath = \"materials/commitment-guangdong.pdf\"\n"
        if prov == "江苏":
            mats += "".join(f"\n[[materials]]\nkind = \"domain-certificate\"\nsite = {s}\npath = \"materials/domain-cert.png\"\n"
                            for s in range(n_sites))
        if prov in ("上海", "四川", "湖北"):
            mats += "".join(f"\n[[materials]]\nkind = \"site-principal-authorisation\"\nsite = {s}\n"
                            f"path = \"materials/commitment-beijing.pdf\"\n" for s in range(n_sites))
        return (head + f'[subject]\nname = "示例{i}科技有限公司"\nnature = "enterprise"\ncert_type = "uscc"\n'
                f'cert_number = "{_uscc(region, rnd)}"\ncert_address = "{address}"\naddress = "{address}"\n'
                f'investor = "{legal}"\nlegal_representative = "{legal}"\n\n[subject.principal]\n{person}'
                + sites + mats)
    person = _person(region, rnd, defect if defect in ("check", "expiring", "emergency") else None)
    name = person.split('"')[1]
    number = person.split('cert_number = "')[1].split('"')[0]
    site_name = f"{name}的{rnd.choice(WORDS)}" + ("论坛" if defect == "name" else "")
    letter = {"广东": "commitment-letter-guangdong", "上海": "commitment-letter-shanghai"}.get(prov, "commitment-letter")
    extra = ("\n[[materials]]\nkind = \"domain-certificate\"\nsite = 0\npath = \"materials/domain-cert.png\"\n"
             if prov == "江苏" else "")
    return (head + f'[subject]\nname = "{name}"\nnature = "individual"\ncert_type = "resident-id"\n'
            f'cert_number = "{number}"\naddress = "{address}"\n\n[subject.principal]\n{person}'
            f'\n[[websites]]\nname = "{site_name}"\ndomains = [{{ name = "p{i}.cn", registrant = "{name}", {DOMAIN_DATES} }}]\n'
            f'content_type = "其他"\n\n'
            f"[websites.principal]\n{person}"
            "\n[[materials]]\nkind = \"subject-cert\"\npath = \"materials/individual-id.png\"\n"
            "\n[[materials]]\nkind = \"site-principal-id\"\npath = \"materials/individual-id.png\"\nsite = 0\n"
            "\n[[materials]]\nkind = \"verification-photo\"\nsite = 0\nskipped = true\n"
            "\n[[materials]]\nkind = \"authenticity-form\"\nskipped = true\n"
            f"\n[[materials]]\nkind = \"{letter}\"\npath = \"materials/commitment-beijing.pdf\"\n" + extra)


def generate(n: int, directory: Path, seed: int = 4) -> list[Path]:
    rnd = random.Random(seed)
    shutil.copytree(ROOT / "examples" / "drafts" / "materials", directory / "materials")
    from PIL import Image

    Image.new("RGB", (800, 500), (230, 230, 250)).save(directory / "materials" / "domain-cert.png")
    paths = []
    for i in range(n):
        p = directory / f"draft-{i:05d}.toml"
        p.write_text(draft(i, rnd), encoding="utf-8")
        paths.append(p)
    return paths


FLOOR = """
import sys, tomllib
from pathlib import Path
for p in sorted(Path(sys.argv[1]).glob('*.toml')):
    tomllib.loads(p.read_bytes().decode('utf-8'))
"""


def timed(cmd: list[str], runs: int, env: dict[str, str]) -> tuple[float, float, subprocess.CompletedProcess]:
    """(median wall seconds, median CPU seconds of the process and its workers, last result). CPU time is
    what the work costs whatever else the machine is doing; wall time is what a user waits."""
    import resource

    walls, cpus = [], []
    proc = None
    for _ in range(runs):
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, text=True, env=env)
        walls.append(time.perf_counter() - t0)
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(r1.ru_utime - r0.ru_utime + r1.ru_stime - r0.ru_stime)
    return statistics.median(walls), statistics.median(cpus), proc


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=10_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--jobs", type=int, default=None, help="passed to beian validate --jobs")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        # Byte-compiled, as after `pip install` of a wheel (or any second run): every module's bytecode is
        # written once into a cache of this run's own (PYTHONPYCACHEPREFIX) and read from there. Without it,
        # an editable install under PYTHONDONTWRITEBYTECODE=1 recompiles beiancli on every run (~+0.15 s).
        env = {**os.environ, "BEIAN_NOW": "2026-11-26", "PYTHONDONTWRITEBYTECODE": "",
               "PYTHONPYCACHEPREFIX": str(Path(tmp) / "pycache")}
        d = Path(tmp) / "drafts"
        d.mkdir()
        t0 = time.perf_counter()
        paths = generate(args.n, d)
        gen = time.perf_counter() - t0
        size = sum(p.stat().st_size for p in paths) / len(paths)
        one_cmd = [sys.executable, "-m", "beiancli", "validate", str(paths[0])]
        subprocess.run(one_cmd, capture_output=True, env=env)  # writes the bytecode of what validate imports
        floor, floor_cpu, _ = timed([sys.executable, "-c", FLOOR, str(d)], args.runs, env)
        report = Path(tmp) / "report.json"
        cmd = [sys.executable, "-m", "beiancli", "validate", str(d), "--format", "json", "--output", str(report),
               "--fail-on", "never"]
        if args.jobs:
            cmd += ["--jobs", str(args.jobs)]
        full, full_cpu, proc = timed(cmd, args.runs, env)
        if proc.returncode != 0:
            sys.exit(f"beian validate failed ({proc.returncode}): {proc.stderr[-2000:]}")
        import json

        summary = json.loads(report.read_text(encoding="utf-8"))["summary"]
        one, one_cpu, _ = timed(one_cmd, args.runs, env)
    cores = os.cpu_count()
    print(f"{args.n} drafts (~{size / 1024:.1f} KB each, generated in {gen:.1f} s), {cores} cores, "
          f"median of {args.runs} runs")
    print(f"findings: {summary['error']} errors, {summary['warning']} warnings in {summary['files_with_findings']} files")
    print()
    print(f"| {'what':<48} | {'wall s':>7} | {'CPU s':>6} | {'drafts/s':>9} |")
    print(f"|{'-' * 50}|{'-' * 8}:|{'-' * 7}:|{'-' * 10}:|")
    print(f"| {'floor: read + tomllib.loads, one process':<48} | {floor:7.2f} | {floor_cpu:6.2f} | {args.n / floor:9,.0f} |")
    print(f"| {'beian validate DIR --format json --output FILE':<48} | {full:7.2f} | {full_cpu:6.2f} | {args.n / full:9,.0f} |")
    print(f"| {'beian validate ONE.toml (one draft, end to end)':<48} | {one:7.2f} | {one_cpu:6.2f} | {'':>9} |")
    print()
    print(f"ratio to the floor: {full / floor:.2f}x wall, {full_cpu / floor_cpu:.2f}x CPU "
          f"(load average now: {os.getloadavg()[0]:.1f} on {cores} cores; other work on the machine stretches wall time)")


if __name__ == "__main__":
    main()
