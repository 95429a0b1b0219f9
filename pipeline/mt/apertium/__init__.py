"""Apertium, the rule-based engine Debian packages: `apt-get install apertium apertium-eng-spa`."""
