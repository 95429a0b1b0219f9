"""Review of machine drafts by a person: accept, edit or skip each one, in document order.

``session`` holds the decisions (which drafts, accept / edit / skip, saving without undoing
anyone else's work) and knows no terminal; ``tui`` is the terminal front end on top of it.
"""
