"""Argos Translate as an engine: CTranslate2 translators, their options, and package management
(the index, downloads, safe unpacking, installs in argostranslate's own folders).

Nothing here imports argostranslate or ctranslate2 at module level.
"""
