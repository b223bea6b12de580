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


@pytest.mark.parametrize("args", [
    [], ["--json"], ["a.cn", "--help"], ["a.cn", "-h"], ["a.cn", "--"], ["a.cn", "--subject"], ["a.cn", "-s", "--json"],
    ["a.cn", "--json=1"], ["a.cn", "--lang", "en", "--lang", "zh"], ["a.cn", "-sX"], ["a.cn", "--nope"], ["a.cn", "-x"],
])
def test_fast_parse_leaves_everything_else_to_typer(args):
    assert fast_parse(args, _spec("check-domain")) is None


TOKENS = st.sampled_from(["example.com", "例子.中国", "-", "--", "x", "--json", "--lang", "--lang=en", "en", "--subject",
                          "-s", "--subject=", "-p", "--provider", "aliyun", "--history", "h.toml", "--history=h.toml",
                          "-h", "--help", "--nope", "-sX", "-", "=", "--json=", ""])


@settings(max_examples=400, deadline=None)
@given(st.lists(TOKENS, max_size=7))
def test_whatever_fast_parse_accepts_click_parses_the_same(args):
    got = fast_parse(args, _spec("check-domain"))
    if got is None:
        return
    params = _click_params("check-domain", args)
    assert {k: v for k, v in params.items() if k in got} == got
    # what fast_parse leaves out, Click leaves at the default
    assert all(params[k] in (None, False) for k in params.keys() - got.keys())
