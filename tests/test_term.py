"""beiancli.term: display width and wrapping for check-domain and validate's text (no rich on those paths)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from beiancli import term


def texts(lines):
    return ["".join(t for t, _ in line) for line in lines]


def test_width_counts_cjk_as_two_cells():
    assert term.width("abc") == 3
    assert term.width("例子.中国") == 9
    assert term.width("（）") == 4
    assert term.width("e\u0301") == 1  # a combining accent takes no cell


def test_agrees_with_rich_on_cell_width():
    from rich.cells import cell_len

    for s in ["example.com", "例子.中国", "所需材料：主体证件（营业执照 / 单位证书）", "✓ ✗ ⚠ → • ・", "§2.1、§3.2", "1–2 个工作日"]:
        assert term.width(s) == cell_len(s), s


def test_english_breaks_at_spaces_and_drops_them():
    lines = texts(term.wrap([("the quick brown fox jumps over the lazy dog", "")], 15))
    assert lines == ["the quick brown", "fox jumps over", "the lazy dog"]


def test_chinese_breaks_between_characters_but_not_before_closing_punctuation():
    lines = texts(term.wrap([("填写主体信息、网站信息，上传证件与材料，完成核验后提交", "")], 20))
    assert all(term.width(line) <= 20 for line in lines)
    assert "".join(lines) == "填写主体信息、网站信息，上传证件与材料，完成核验后提交"
    assert not any(line[0] in "，、。）" for line in lines)
    assert not any(line[-1] in "（" for line in lines)
    lines = texts(term.wrap([("一二三四五六七八九（十一）", "")], 18))
    assert lines == ["一二三四五六七八九", "（十一）"]  # the bracket moves down with its word


def test_a_word_longer_than_the_line_is_cut():
    lines = texts(term.wrap([("x" * 25, "")], 10))
    assert lines == ["x" * 10, "x" * 10, "x" * 5]


def test_styles_follow_their_text_across_breaks():
    lines = term.wrap([("label: ", "dim"), ("aaaa bbbb cccc", "bold")], 12)
    assert lines == [[("label: ", "dim"), ("aaaa", "bold")], [("bbbb cccc", "bold")]]
    assert term.render_line(lines[1], True) == "\x1b[1mbbbb cccc\x1b[0m"
    assert term.render_line(lines[1], False) == "bbbb cccc"
    assert term.sgr("bold red") == "\x1b[1;31m"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from([*"ab c，。（）例子中国 .-", "\u0301"]), max_size=80),
       st.integers(min_value=1, max_value=40))
def test_wrapping_keeps_every_character_and_fits(text, columns):
    lines = texts(term.wrap([(text, "")], columns))
    width = max(columns, 10)
    assert all(term.width(line) <= width for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
