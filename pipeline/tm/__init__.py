"""Translation memory: every reviewed translation of the project, and imported reference units.

- :mod:`.memory`: units and the lookups (exact on whitespace-normalised source, fuzzy by
  character similarity over n-gram candidates).
- :mod:`.index`: the memory built from the catalogs (no second source of truth) and the project's
  reference TMX files, cached per file so that an unchanged project reads nothing again.
- :mod:`.tmx`: TMX 1.4b in and out.
- :mod:`.record`: the ``# tm:`` translator comment saying which document a draft came from.
"""
