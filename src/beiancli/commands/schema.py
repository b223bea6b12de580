"""Print the JSON Schema of a draft or of the history file.

Editors validate TOML against it as you type: with taplo / "Even Better TOML" in VS Code, put
`#:schema ./draft.schema.json` on the first line of a draft, after `beian schema draft > draft.schema.json`.

Examples:
  beian schema draft > draft.schema.json
  beian schema history
"""

from __future__ import annotations

from typing import Annotated

import typer


def run(
    kind: Annotated[str, typer.Argument(metavar="draft|history", help="Which schema: draft or history.")],
) -> int:
    import json
    import sys

    from beiancli.errors import UsageError
    from beiancli.i18n import Msg

    if kind not in ("draft", "history"):
        raise UsageError(Msg(f"只能是 draft 或 history（收到 {kind!r}）", f"expected draft or history (got {kind!r})"))
    from beiancli.models import json_schema

    sys.stdout.write(json.dumps(json_schema(kind), ensure_ascii=False, indent=2) + "\n")
    return 0
