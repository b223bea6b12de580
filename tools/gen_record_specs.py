"""Regenerate src/beiancli/_specs.py: the field specs records.py reads drafts and histories with.

records.py reads plainly valid files without pydantic (the linter's start-up); what a plain value is for each
field - its type, bounds, pattern, default, validators - is taken here from the pydantic models of
models.py, the one place the schema is written.

    python tools/gen_record_specs.py > src/beiancli/_specs.py

tests/test_records.py rebuilds the text with `build()` and compares it with the file.
"""

from __future__ import annotations

import datetime as dt
from typing import Any


def build() -> str:
    """The text of `_specs.py`: every model of models.py as field specs."""
    import pprint
    import typing

    from pydantic import BaseModel
    from pydantic_core import PydanticUndefined

    from beiancli import models, schema

    classes = {n: c for n, c in vars(models).items()
               if isinstance(c, type) and issubclass(c, BaseModel) and c.__module__ == models.__name__
               and c is not models.Model}

    def constraints(meta: list[Any]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for m in meta:
            for key in ("min_length", "max_length", "pattern", "ge"):
                if getattr(m, key, None) is not None:
                    out[key] = getattr(m, key)
            if hasattr(m, "metadata"):  # a FieldInfo inside Annotated
                out.update(constraints(m.metadata))
        return out

    def spec(tp: Any, meta: list[Any]) -> tuple[Any, ...]:
        origin = typing.get_origin(tp)
        args = typing.get_args(tp)
        c = constraints(meta)
        if origin is typing.Annotated:
            return spec(args[0], [*meta, *args[1:]])
        if origin in (typing.Union, getattr(__import__("types"), "UnionType", None)) and type(None) in args:
            rest = [a for a in args if a is not type(None)]
            if len(rest) != 1:
                raise TypeError(f"unsupported union {tp!r}")
            return ("optional", spec(rest[0], meta))
        if origin is typing.Literal:
            return ("literal", tuple(args))
        if origin is list:
            return ("list", spec(args[0], []), c.get("max_length"))
        if origin is dict and args == (str, typing.Any):
            return ("dict",)
        if tp is str:
            return ("str", c.get("min_length", 0), c.get("max_length"), c.get("pattern"))
        if tp is bool:
            return ("bool",)
        if tp is int:
            return ("int", c.get("ge"))
        if tp is dt.date:
            return ("date",)
        if tp is dt.datetime:
            return ("datetime",)
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            return ("model", tp.__name__)
        raise TypeError(f"unsupported field type {tp!r}: teach records.py to read it")

    def default(f: Any) -> tuple[Any, ...]:
        if f.default_factory is not None:
            value = f.default_factory()
            if isinstance(value, BaseModel):
                if value.model_fields_set:
                    raise TypeError(f"a default model with fields set: {value!r}")
                return ("model", type(value).__name__)
            if isinstance(value, list):
                return ("list", tuple(value))
            if isinstance(value, dict) and not value:
                return ("dict",)
            raise TypeError(f"unsupported default factory result {value!r}")
        if f.default is PydanticUndefined:
            return ("required",)
        if isinstance(f.default, (list, dict, set)):
            raise TypeError("a mutable default")
        return ("value", f.default)

    def validator_target(cls: type, name: str, func: Any) -> str:
        inner = getattr(func, "__func__", func)
        if inner.__module__ == schema.__name__:
            return f"schema.{inner.__name__}"
        return f"{cls.__name__}.{name}"

    out: dict[str, Any] = {}
    for name, cls in sorted(classes.items()):
        decorators = cls.__pydantic_decorators__
        fvals = []
        for vname, d in decorators.field_validators.items():
            if d.info.mode != "after":
                raise TypeError(f"{name}.{vname}: only mode='after' validators have record twins")
            for field in d.info.fields:
                fvals.append((field, validator_target(cls, vname, d.func)))
        mvals = []
        for vname, d in decorators.model_validators.items():
            if d.info.mode != "after":
                raise TypeError(f"{name}.{vname}: only mode='after' validators have record twins")
            mvals.append(validator_target(cls, vname, d.func))
        if decorators.model_serializers or decorators.field_serializers or decorators.computed_fields:
            raise TypeError(f"{name}: serializers and computed fields have no record twins")
        config = cls.model_config
        if config.get("extra") != "forbid" or not config.get("str_strip_whitespace"):
            raise TypeError(f"{name}: records assume extra='forbid' and str_strip_whitespace=True")
        out[name] = {
            "fields": tuple((fname, spec(f.annotation, list(f.metadata)), default(f))
                            for fname, f in cls.model_fields.items()),
            "field_validators": tuple(sorted(fvals)),
            "model_validators": tuple(mvals),
        }
    body = pprint.pformat(out, width=110, sort_dicts=False)
    return ('"""Generated from models.py by `python tools/gen_record_specs.py`: do not edit (tests/test_records.py checks it)."""\n\n'
            f"MODELS = {body}\n")


if __name__ == "__main__":
    import sys

    sys.stdout.write(build())
