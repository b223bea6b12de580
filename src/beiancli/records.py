"""Drafts and history files read without pydantic, when they are plainly valid.

`beian validate ONE.toml` spent half of its start-up importing pydantic and building the draft models (README,
Performance). `read(kind, data)` turns a parsed document into light records - the attribute names, values and
`model_fields_set` the pydantic models in models.py would give - when every value is plainly what the model
wants: a TOML string for a text field (trimmed, within its length, no control characters), a TOML boolean,
integer, date or date-time for those fields, a listed value for a choice, tables and arrays within their
bounds. At the first thing that is not (an unknown key, a value that pydantic would have to convert, a broken
constraint, a validator that refuses) it returns None, and the caller validates with pydantic, which either
accepts with its lax conversions or words the errors with their field paths. So pydantic stays the one
judge of what is wrong; this reader only recognises what is right, and when it does, the two agree
(tests/test_records.py checks it on generated drafts, the examples and the rule cases).

The field specs come from the pydantic models: `python tools/gen_record_specs.py > src/beiancli/_specs.py`
rewrites them, and a test fails when the two drift apart. The validators' checks are the functions of schema.py, which the models
call too.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from typing import Any

from beiancli import schema

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]").search
"""Text with a control character (models.NO_CONTROL) is left to pydantic: it refuses it, and it trims with
Rust's idea of white space, which differs from Python's exactly on U+001C..U+001F (control characters)."""


class _NotPlain(Exception):
    """A value the records do not take as it is: pydantic decides."""


class Record:
    """Base of the record classes: a field per attribute, and `model_fields_set` as in pydantic."""

    FIELDS: tuple[str, ...] = ()

    def __repr__(self) -> str:
        inner = ", ".join(f"{k}={getattr(self, k)!r}" for k in self.FIELDS)
        return f"{type(self).__name__}({inner})"

    def __reduce__(self) -> tuple[Any, ...]:
        # The classes are made at run time, so pickle (a history sent to `spawn` workers) finds them by name.
        return (_rebuild, (type(self).__name__, self.__dict__))

    def to_dict(self) -> dict[str, Any]:
        """Like pydantic's `model_dump()`: nested records and lists of them as dicts."""
        return {k: _plain(getattr(self, k)) for k in self.FIELDS}


def _rebuild(name: str, values: dict[str, Any]) -> Record:
    cls = reader().classes[name]
    obj = cls.__new__(cls)
    obj.__dict__ = values
    return obj


def _plain(v: Any) -> Any:
    if isinstance(v, Record):
        return v.to_dict()
    if isinstance(v, list):
        return [_plain(x) for x in v]
    return v


_MIXINS: dict[str, tuple[type, ...]] = {
    "History": (schema.HistoryMethods,),
    "HistorySubject": (schema.HistorySubjectMethods,),
}


# -- the reader -----------------------------------------------------------------------------------------------

Check = Callable[[Any], Any]


# Each check returns the value as the model would hold it, or raises _NotPlain. `nullable`: None is taken too
# (an optional field; TOML has no null, but records.read may be given a dict from elsewhere).

def _text(min_len: int, max_len: int | None, pattern: str | None, nullable: bool) -> Check:
    extra = None if pattern in (None, schema.NO_CONTROL) else re.compile(pattern).fullmatch
    hi = max_len if max_len is not None else float("inf")

    def check(v: Any) -> str | None:
        # isprintable() is False for every control character (and for some other text, which the regex
        # then looks at): the usual one-line value is decided by one cheap call.
        if type(v) is not str or (not v.isprintable() and _CONTROL(v)):
            if v is None and nullable:
                return None
            raise _NotPlain
        v = v.strip()
        if not min_len <= len(v) <= hi or (extra is not None and extra(v) is None):
            raise _NotPlain
        return v

    return check


def _exact(kind: type, nullable: bool) -> Check:
    def check(v: Any) -> Any:
        if type(v) is not kind:
            if v is None and nullable:
                return None
            raise _NotPlain
        return v

    return check


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}").fullmatch


def _date(nullable: bool) -> Check:
    """A TOML date, or the ISO text of one (`change.original` holds the filed data as JSON-style text)."""

    def check(v: Any) -> dt.date | None:
        if type(v) is dt.date:
            return v
        if type(v) is str and _ISO_DATE(v):
            try:
                return dt.date.fromisoformat(v)
            except ValueError:
                raise _NotPlain from None
        if v is None and nullable:
            return None
        raise _NotPlain

    return check


def _integer(ge: int | None, nullable: bool) -> Check:
    def check(v: Any) -> int | None:
        if type(v) is not int or (ge is not None and v < ge):
            if v is None and nullable:
                return None
            raise _NotPlain
        return v

    return check


def _choice(values: tuple[str, ...], nullable: bool) -> Check:
    allowed = frozenset(values)

    def check(v: Any) -> str | None:
        if type(v) is not str or v not in allowed:
            if v is None and nullable:
                return None
            raise _NotPlain
        return v

    return check


def _table(nullable: bool) -> Check:
    def check(v: Any) -> dict[str, Any] | None:
        if type(v) is not dict:
            if v is None and nullable:
                return None
            raise _NotPlain
        return dict(v)

    return check


def _array(item: Check, max_len: int | None, nullable: bool) -> Check:
    def check(v: Any) -> list[Any] | None:
        if type(v) is not list or (max_len is not None and len(v) > max_len):
            if v is None and nullable:
                return None
            raise _NotPlain
        return [item(x) for x in v]

    return check


def _or_none(read: Check) -> Check:
    def check(v: Any) -> Any:
        return None if v is None else read(v)

    return check


class _Reader:
    """Record classes and checks for every model of `_specs.MODELS`, built once per process."""

    def __init__(self, specs: Mapping[str, Any]):
        self.specs = specs
        self.classes: dict[str, type[Record]] = {}
        self.readers: dict[str, Check] = {}
        for name, spec in specs.items():
            fields = tuple(f[0] for f in spec["fields"])
            self.classes[name] = type(name, (*_MIXINS.get(name, ()), Record), {"FIELDS": fields})
        for name in specs:
            self._reader_of(name)

    def _reader_of(self, name: str) -> Check:
        if name not in self.readers:  # the models refer to each other without cycles
            self.readers[name] = self._model(name)
        return self.readers[name]

    def _check(self, spec: tuple[Any, ...], nullable: bool = False) -> Check:
        kind = spec[0]
        if kind == "optional":
            return self._check(spec[1], nullable=True)
        if kind == "str":
            return _text(spec[1], spec[2], spec[3], nullable)
        if kind == "bool":
            return _exact(bool, nullable)
        if kind == "date":
            return _date(nullable)
        if kind == "datetime":
            return _exact(dt.datetime, nullable)
        if kind == "int":
            return _integer(spec[1], nullable)
        if kind == "literal":
            return _choice(spec[1], nullable)
        if kind == "dict":
            return _table(nullable)
        if kind == "list":
            return _array(self._check(spec[1]), spec[2], nullable)
        if kind == "model":
            read = self._reader_of(spec[1])
            return _or_none(read) if nullable else read
        raise ValueError(f"unknown field spec {spec!r} (regenerate _specs.py: tools/gen_record_specs.py)")

    def _default(self, spec: tuple[Any, ...]) -> Callable[[], Any]:
        kind = spec[0]
        if kind == "value":
            value = spec[1]
            return lambda: value
        if kind == "list":
            items = spec[1]
            return lambda: list(items)
        if kind == "dict":
            return dict
        if kind == "model":
            read = self._reader_of(spec[1])
            return lambda: read({})
        if kind == "required":
            def missing() -> Any:
                raise _NotPlain
            return missing
        raise ValueError(f"unknown default {spec!r} (regenerate _specs.py: tools/gen_record_specs.py)")

    def _model(self, name: str) -> Check:
        spec = self.specs[name]
        cls = self.classes[name]
        field_validators = dict(spec["field_validators"])
        checks: dict[str, Check] = {}
        constants: dict[str, Any] = {}
        made: list[tuple[str, Callable[[], Any]]] = []
        for fname, fspec, dspec in spec["fields"]:
            check = self._check(fspec)
            if fname in field_validators:
                check = _then(check, self._validator(name, field_validators[fname]))
            checks[fname] = check
            if dspec[0] == "value":
                constants[fname] = dspec[1]
            else:
                made.append((fname, self._default(dspec)))
        after = [self._validator(name, v) for v in spec["model_validators"]]
        check_of = checks.get

        def read(data: Any) -> Record:
            if type(data) is not dict:
                raise _NotPlain
            values = constants.copy()
            for key, v in data.items():
                check = check_of(key)
                if check is None:  # extra="forbid"
                    raise _NotPlain
                values[key] = check(v)
            for fname, make in made:
                if fname not in data:
                    values[fname] = make()
            values["model_fields_set"] = set(data)
            obj = cls.__new__(cls)
            obj.__dict__ = values
            for validator in after:
                obj = validator(obj)
            return obj

        return read

    def _validator(self, model: str, target: str) -> Check:
        if target == "Change._draft_shaped":
            def draft_shaped(v: dict[str, Any]) -> dict[str, Any]:
                try:
                    schema.original_keys(v)
                except ValueError:
                    raise _NotPlain from None
                self.readers["_OriginalShape"](v)
                return v

            return draft_shaped
        # The generator writes `schema.<name>` for a validator that is a function of schema.py, which both
        # readers call; any other validator needs a twin here.
        fn = getattr(schema, target.removeprefix("schema."), None) if target.startswith("schema.") else None
        if fn is None:
            raise ValueError(f"{model}: no record twin for the validator {target} (see records._validator)")

        def run(v: Any) -> Any:
            try:
                return fn(v)
            except ValueError:
                raise _NotPlain from None

        return run


def _then(first: Check, second: Check) -> Check:
    return lambda v: second(first(v))


_reader: list[_Reader] = []


def reader() -> _Reader:
    if not _reader:
        from beiancli._specs import MODELS

        _reader.append(_Reader(MODELS))
    return _reader[0]


def read(kind: str, data: Any) -> Any | None:
    """`kind` "draft" or "history": a record like `models.Draft`/`models.History`, or None when the document
    is not plainly valid (then pydantic must look at it)."""
    r = reader()
    try:
        return r.readers["Draft" if kind == "draft" else "History"](data)
    except (_NotPlain, RecursionError):
        return None
