"""Questions for `beian subject add` on a terminal: the subject's name, nature, certificate and ICP number,
each answer checked at once by the same validators the lint rules use."""

from __future__ import annotations

from typing import Any

from beiancli.i18n import Msg
from beiancli.wizards.asker import Asker


def _checker(fn: Any, lang: str) -> Any:
    from beiancli.errors import BeianError

    def check(value: str) -> str | None:
        try:
            fn(value)
        except BeianError as exc:
            return exc.message.get(lang) if isinstance(exc.message, Msg) else str(exc.message)
        return None

    return check


def ask_subject(asker: Asker, answers: dict[str, Any], lang: str) -> dict[str, Any]:
    from beiancli import subjects

    def t(zh: str, en: str) -> str:
        return zh if lang == "zh" else en

    a = dict(answers)
    if not a.get("nature"):
        choices = [(k, f"{v.zh} / {v.en}") for k, v in subjects.nature_choices().items()]
        a["nature"] = asker.select(t("主体性质", "Subject nature"), choices, default="enterprise")
    if not a.get("name"):
        a["name"] = asker.text(t("主办单位名称或个人姓名（与证件一致）", "Subject name (exactly as on the certificate)"),
                               validate=lambda v: None if v.strip() else t("不能为空", "required"))
    if not a.get("cert_type"):
        types = subjects.nature_choices()[a["nature"]].cert_types
        from beiancli import ids

        names = ids.cert_types()
        if len(types) == 1:
            a["cert_type"] = types[0]
        else:
            a["cert_type"] = asker.select(t("证件类型", "Certificate type"),
                                          [(c, f"{names[c].zh} / {names[c].en}") for c in types], default=types[0])
    if not a.get("cert_number"):
        a["cert_number"] = asker.text(
            t("证件号码", "Certificate number"),
            validate=_checker(lambda v: subjects.check_cert(a["nature"], a["cert_type"], v), lang),
        )
    if not a.get("icp_number"):
        value = asker.text(t("主体备案号（从未备案则留空）", "Subject ICP number (empty if never filed)"),
                           validate=_checker(lambda v: v.strip() and subjects.check_subject_icp(v, a.get("province")), lang))
        a["icp_number"] = value.strip() or None
    return a
