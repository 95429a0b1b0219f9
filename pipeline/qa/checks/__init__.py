"""The quality checks, one module per family; importing this package registers them all.

Checks report in registration order, so the families are imported here in the order their
findings are listed. A new family is one module and one line below.
"""

from pipeline.qa.checks import (  # noqa: F401  (imported to register their checks)
    characters,
    fluency,
    length,
    numbers,
    punctuation,
    spacing,
    terms,
    workflow,
)
