"""GNU gettext PO catalogs: read, write and merge them exactly as gettext's own tools do.

The library API (``docs/api.md``)::

    from pipeline import gettext

    catalog = gettext.read_po(path)             # a problem the user can fix: PipelineError
    problems = gettext.check_po(catalog, name)  # what `msgfmt --check` would report
    gettext.write_po(catalog, path)             # msgcat's bytes, atomically; False if unchanged
    merged = gettext.merge(template, catalog, "ru")   # msgmerge --previous semantics

Catalogs are ``polib.POFile`` objects, so any script that knows polib can work with them.
"""

from pipeline.gettext.check import check_po
from pipeline.gettext.merge import merge_catalog as merge
from pipeline.gettext.read import parse_po, read_po
from pipeline.gettext.write import format_po, format_po_bytes, write_po

__all__ = ["check_po", "format_po", "format_po_bytes", "merge", "parse_po", "read_po", "write_po"]
