"""Helpers for tests and benchmarks: small real Argos packages built in-process.

Nothing here is imported by the command line; it needs numpy, sentencepiece and ctranslate2.
"""
