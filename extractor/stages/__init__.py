"""The extraction stages.  Each reads the document model (``extractor.blocks``)
and the rules (``extractor.ruleset.RuleSet``) and nothing else; ``pipeline``
wires them together:

marks (item numbers, tick boxes) → labels (field labels) → tables (header
rows, column roles) → stream (reading order) → anchors (where projects are
named) → sections (fields by label) and rows (fields by column) → assemble
(one project per distinct project, merged from all places).
"""
