"""The quality checks, one module per family; importing this package registers them all.

Checks report in registration order, so the families are imported in the order of
:data:`FAMILIES`, the order their findings are listed in. A new family is one module and its
name in that list.
"""

import importlib

FAMILIES = (
    "spacing",
    "numbers",
    "negation",
    "terms",
    "names",
    "links",
    "length",
    "fluency",
    "punctuation",
    "characters",
    "workflow",
)

for _family in FAMILIES:
    importlib.import_module(f"{__name__}.{_family}")
