#!/usr/bin/env python3
"""Writes Scrm.App/Resources/SharedResource{,.en}.resx from strings.tsv (key<TAB>zh-CN<TAB>en).
The TSV is the one place translators edit; run this after changing it and commit both."""
import html, pathlib
root = pathlib.Path(__file__).resolve().parent.parent / "Scrm.App" / "Resources"
rows = []
for n, line in enumerate((root / "strings.tsv").read_text(encoding="utf-8").splitlines(), 1):
    if not line.strip() or line.startswith("#"):
        continue
    parts = line.split("\t")
    if len(parts) != 3:
        raise SystemExit(f"strings.tsv:{n}: expected 3 tab-separated columns, got {len(parts)}")
    rows.append(parts)
keys = [r[0] for r in rows]
dupes = {k for k in keys if keys.count(k) > 1}
if dupes:
    raise SystemExit(f"duplicate keys: {sorted(dupes)}")
head = """<?xml version="1.0" encoding="utf-8"?>
<root>
  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
  <resheader name="version"><value>2.0</value></resheader>
  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
"""
for suffix, col in (("", 1), (".en", 2)):
    body = "".join(f'  <data name="{html.escape(r[0])}" xml:space="preserve"><value>{html.escape(r[col], quote=False)}</value></data>\n' for r in sorted(rows))
    (root / f"SharedResource{suffix}.resx").write_text(head + body + "</root>\n", encoding="utf-8")
print(f"{len(rows)} strings")
