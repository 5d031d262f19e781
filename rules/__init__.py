"""Declarative rule data (TOML and word lists); installed as ``extractor.rules``.

Nothing here is code: edit the ``.toml`` files to add a heading variant, a
label, a unit or a comparator. ``thaiplan --rules DIR`` (or the
``THAIPLAN_RULES`` environment variable) layers a folder of your own files
on top of these.
"""
