"""JUnit XML for CI test-report viewers: one <testsuite> per draft file, one <testcase> per finding (a
<failure> when it reaches --fail-on, else passing with the finding in <system-out>), and one passing
"valid" case for a file without findings. Messages in both languages."""

from __future__ import annotations

from xml.etree import ElementTree as ET

from beiancli.render import Report, printable, reaches


def render(report: Report) -> str:
    by_file: dict[str, list] = {printable(r.file): [] for r in report.results if r.skipped is None}
    for it in report.items():
        by_file.setdefault(printable(it.file), []).append(it)
    root = ET.Element("testsuites", name="beian validate")
    total = failures = 0
    for file, items in by_file.items():
        suite = ET.SubElement(root, "testsuite", name=file)
        n_fail = 0
        if not items:
            ET.SubElement(suite, "testcase", classname=file, name="valid")
        for it in items:
            where = f"{file}:{it.line}" if it.line else file
            case = ET.SubElement(
                suite, "testcase", classname=file, name=f"{it.rule_id} {it.rule_name} {it.path}".strip()
            )
            text = f"{where}: {it.path}\n{it.message.zh}\n{it.message.en}\n→ {it.suggestion.zh}\n→ {it.suggestion.en}"
            if reaches(it.severity, report.fail_on):
                n_fail += 1
                fail = ET.SubElement(case, "failure", type=it.severity, message=it.message.get(report.lang))
                fail.text = text
            else:
                ET.SubElement(case, "system-out").text = f"[{it.severity}] {text}"
        count = max(1, len(items))
        suite.set("tests", str(count))
        suite.set("failures", str(n_fail))
        suite.set("errors", "0")
        total += count
        failures += n_fail
    root.set("tests", str(total))
    root.set("failures", str(failures))
    root.set("errors", "0")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
