"""The province rows (rules/data/province_rules.toml) encode the §9.2 matrix for all 31 provinces, the
area-code table is what libphonenumber says, and the materials matrix follows the province columns."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from beiancli.regions import names
from beiancli.rules import data, materials, provinces
from beiancli.rules.province import area_province

ROOT = Path(__file__).resolve().parents[2]


def test_every_province_has_a_dated_sourced_row() -> None:
    rows = provinces.rows()
    assert sorted(rows) == sorted(names())
    for pid, row in rows.items():
        assert "§9" in row["source"], pid
        assert row["as_of"], pid
        assert row["subject_pic"] in ("L", "A", "F"), pid


# §9.2 column "Personal filers from elsewhere", as the matrix states it (the data must say the same).
MATRIX_ELSEWHERE = {
    "residence-proof": {"吉林", "上海", "江苏", "安徽", "福建", "江西", "湖北", "广东", "四川"},
    "local-id-only": {"山西", "内蒙古", "黑龙江", "河南", "重庆", "贵州", "云南", "甘肃", "青海", "宁夏", "新疆"},
    "no-cross-province": {"广西"},
}


@pytest.mark.parametrize("mode", sorted(MATRIX_ELSEWHERE))
def test_personal_from_elsewhere_column(mode: str) -> None:
    assert set(provinces.provinces_where("personal_from_elsewhere", mode)) == MATRIX_ELSEWHERE[mode]


def test_authorisation_and_phone_columns() -> None:
    assert set(provinces.provinces_where("subject_authorisation")) == {"吉林", "安徽", "四川", "甘肃", "江苏"}
    assert set(provinces.provinces_where("office_differs")) == {"辽宁", "吉林", "北京"}
    assert set(provinces.provinces_where("superior_body_required")) == {"甘肃", "福建", "吉林"}
    assert {"辽宁", "吉林", "黑龙江", "湖南", "广西", "陕西", "江苏"} <= set(provinces.provinces_where("local_mobile"))
    # every province that wants local landlines also wants local mobiles (BA605's example relies on it)
    assert set(provinces.provinces_where("local_landline")) <= set(provinces.provinces_where("local_mobile"))
    assert provinces.row("天津")["retirement_age"] == {"M": 60, "F": 55}
    assert "min_age" not in provinces.row("天津")  # minors file with a guardian there (materials), not barred
    assert provinces.row("河北")["barred_cert_types"] == ["passport", "foreign-pr-card"]


def _override(tmp_path: Path, old: str, new: str) -> None:
    text = (data.BUNDLED / "province_rules.toml").read_text(encoding="utf-8")
    assert old in text
    (tmp_path / "province_rules.toml").write_text(text.replace(old, new, 1), encoding="utf-8")
    data.set_override_dir(tmp_path)


@pytest.mark.parametrize(
    ("old", "new", "complaint"),
    [
        ('personal_from_elsewhere = "local-id-only"', 'personal_from_elsewhere = "local-only"', "personal_from_elsewhere"),
        ("subject_authorisation = true\noffice_differs = true", "subject_authorisation = false\noffice_differs = true",
         "subject_authorisation"),
        ('retirement_age = { M = 60, F = 55 }', 'retirement_age = { M = 60, W = 55 }', "retirement_age"),
        ('barred_cert_types = ["passport",', 'barred_cert_types = ["passports",', "unknown certificate types"),
    ],
)
def test_bad_province_data_is_refused(tmp_path: Path, old: str, new: str, complaint: str) -> None:
    _override(tmp_path, old, new)
    with pytest.raises(data.DataFileError, match=complaint):
        provinces.rows()


def test_area_codes_are_libphonenumbers() -> None:
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import gen_area_codes
    finally:
        sys.path.remove(str(ROOT / "tools"))
    assert data.load("area_codes")["codes"] == gen_area_codes.build()


@pytest.mark.parametrize(
    ("code", "province"),
    [("010", "北京"), ("021", "上海"), ("025", "江苏"), ("0755", "广东"), ("0898", "海南"), ("0991", "新疆"),
     ("0471", "内蒙古"), ("0931", "甘肃"), ("0999", "新疆"), ("0001", None), (None, None)],
)
def test_area_province(code: str | None, province: str | None) -> None:
    assert area_province(code) == province


def _kinds(filing_type: str, nature: str, province: str) -> dict[str, object]:
    return {r.kind: r.condition for r in materials.requirements(filing_type, nature, province)}


def test_materials_follow_the_province_columns() -> None:
    # the subject-principal authorisation letter: every A province and Jiangsu, when the principal is not the rep
    for pid in ("吉林", "安徽", "四川", "甘肃", "江苏"):
        assert _kinds("first", "enterprise", pid)["subject-principal-authorisation"] is not None, pid
    assert "subject-principal-authorisation" not in _kinds("first", "enterprise", "广东")
    assert "employment-proof-minor" in _kinds("first", "individual", "云南")
    assert "employment-proof-minor" not in _kinds("first", "individual", "贵州")
    assert "subject-change-certificate" in _kinds("change-subject", "enterprise", "北京")
    assert "subject-change-certificate" not in _kinds("change-subject", "enterprise", "广东")
    assert "subject-change-certificate" not in _kinds("first", "enterprise", "北京")


def test_area_code_generator_runs(tmp_path: Path) -> None:
    """The generator script is runnable as documented and writes a loadable data file."""
    import subprocess

    out = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "gen_area_codes.py")], capture_output=True, text=True, check=True
    ).stdout
    (tmp_path / "area_codes.toml").write_text(out, encoding="utf-8")
    shutil.copy(data.BUNDLED / "province_rules.toml", tmp_path / "province_rules.toml")
    data.set_override_dir(tmp_path)
    assert data.load("area_codes")["codes"]["0755"] == "广东"
