"""cli.fast_parse reads everyday command lines without Typer. It must never disagree with Typer: whatever it
accepts, Click parses to the same parameters; whatever it cannot read exactly, it leaves to Typer (None)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from beiancli.cli import FAST_COMMANDS, fast_parse, load_command


def _click_params(name: str, args: list[str]) -> dict:
    """The parameters the command function receives when Typer parses `args` (all of them, defaults too)."""
    import functools
    import importlib

    module = importlib.import_module(f"beiancli.commands.{FAST_COMMANDS[name]}")
    real, seen = module.run, {}

    @functools.wraps(real)
    def record(**kwargs):
        seen.update(kwargs)
        return 0

    module.run = record
    try:
        load_command(name).main(args=list(args), prog_name="beian", standalone_mode=False)
    finally:
        module.run = real
    return seen


def _spec(name: str) -> dict:
    import importlib

    return importlib.import_module(f"beiancli.commands.{FAST_COMMANDS[name]}").FAST


@pytest.mark.parametrize("name", sorted(FAST_COMMANDS))
def test_the_fast_spec_names_exactly_the_commands_options(name):
    """A new option on the command that FAST does not know would make fast_parse give up on it (safe, but
    slow); an option FAST knows that the command lacks would be read wrongly. Both fail here."""
    command = load_command(name)
    spec = _spec(name)
    opts = {o: p.name for p in command.params if p.param_type_name == "option" for o in p.opts if o != "--help"}
    assert opts == {**spec["options"], **spec["flags"]}
    assert [p.name for p in command.params if p.param_type_name == "argument"] == [spec["arguments"]]
    booleans = {p.name for p in command.params if getattr(p, "is_flag", False)}
    assert booleans == set(spec["flags"].values())
    assert {p.name for p in command.params if getattr(p, "multiple", False)} == {
        n for n, k in spec["kinds"].items() if k == "list"}


@pytest.mark.parametrize("args, expected", [
    (["example.com"], {"domains": ["example.com"]}),
    (["a.cn", "--json", "b.cn", "--lang=en", "-p", "aliyun"],
     {"domains": ["a.cn", "b.cn"], "json_out": True, "lang": "en", "provider": "aliyun"}),
    (["a.cn", "--history", "h.toml", "-s", "示例公司"], {"domains": ["a.cn"], "history": Path("h.toml"), "subject": "示例公司"}),
    (["-", "--subject=--x"], {"domains": ["-"], "subject": "--x"}),
])
def test_fast_parse_reads_plain_lines(args, expected):
    spec = _spec("check-domain")
    got = fast_parse(args, spec)
    assert got == expected
    assert {k: v for k, v in _click_params("check-domain", args).items() if k in got} == got


@pytest.mark.parametrize("args, expected", [
    (["drafts/"], {"paths": ["drafts/"]}),
    (["a.toml", "b.toml", "-f", "sarif", "-o", "r.sarif", "--select", "BA1", "--select=person", "-j", "2",
      "--fail-on", "warning", "--show-pii"],
     {"paths": ["a.toml", "b.toml"], "format": "sarif", "output": Path("r.sarif"), "select": ["BA1", "person"],
      "jobs": 2, "fail_on": "warning", "show_pii": True}),
])
def test_fast_parse_reads_validate_lines(args, expected):
    got = fast_parse(args, _spec("validate"))
    assert got == expected
    assert {k: v for k, v in _click_params("validate", args).items() if k in got} == got


@pytest.mark.parametrize("args", [
    [], ["--json"], ["a.cn", "--help"], ["a.cn", "-h"], ["a.cn", "--"], ["a.cn", "--subject"], ["a.cn", "-s", "--json"],
    ["a.cn", "--json=1"], ["a.cn", "--lang", "en", "--lang", "zh"], ["a.cn", "-sX"], ["a.cn", "--nope"], ["a.cn", "-x"],
])
def test_fast_parse_leaves_everything_else_to_typer(args):
    assert fast_parse(args, _spec("check-domain")) is None


@pytest.mark.parametrize("args", [["a.toml", "-j", "x"], ["a.toml", "-j", "２"], ["a.toml", "-j", "+2"],
                                  ["a.toml", "-f", "json", "-f", "text"], ["a.toml", "--format"]])
def test_fast_parse_leaves_odd_validate_lines_to_typer(args):
    assert fast_parse(args, _spec("validate")) is None


TOKENS = {
    "check-domain": ["example.com", "例子.中国", "-", "--", "x", "--json", "--lang", "--lang=en", "en", "--subject",
                     "-s", "--subject=", "-p", "--provider", "aliyun", "--history", "h.toml", "--history=h.toml",
                     "-h", "--help", "--nope", "-sX", "=", "--json=", ""],
    "validate": ["a.toml", "drafts/", "-", "--", "--format", "-f", "json", "--format=sarif", "-o", "r.json",
                 "--select", "BA101,person", "--select=BA2", "--ignore", "BA303", "--fail-on", "never", "-j", "2",
                 "--jobs=0", "３", "+1", "--history", "--lang", "zh", "--show-pii", "--show-pii=1", "-h", "--nope", ""],
}


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(sorted(TOKENS)).flatmap(lambda name: st.tuples(st.just(name), st.lists(st.sampled_from(TOKENS[name]),
                                                                                               max_size=8))))
def test_whatever_fast_parse_accepts_typer_parses_the_same(case):
    name, args = case
    got = fast_parse(args, _spec(name))
    if got is None:
        return
    params = _click_params(name, args)
    assert {k: v for k, v in params.items() if k in got} == got
    # what fast_parse leaves out, Typer leaves at the default
    assert all(params[k] in (None, False) for k in params.keys() - got.keys())
