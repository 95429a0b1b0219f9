"""Argos packages: the index, routes, download and install, import, remove, missing packages."""

from __future__ import annotations

import fcntl
import json
import os
import stat
import zipfile
from pathlib import Path

import pytest

from pipeline.config import Settings
from pipeline.errors import PipelineError
from pipeline.mt.argos import package_files, packages
from pipeline.mt.argos.package_index import load_index, parse_index
from pipeline.mt.routes import Pair, required_packages, route

ES_EN, EN_RU, ES_RU = Pair("es", "en"), Pair("en", "ru"), Pair("es", "ru")


def installed_by_argos() -> list[tuple[str, str, str]]:
    """What argostranslate itself sees as installed."""
    from argostranslate import package

    return sorted(
        (p.from_code, p.to_code, p.package_version) for p in package.get_installed_packages()
    )


def folder_names(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


# --- index and routes ------------------------------------------------------------------------


def test_fixture_index_offers_es_en_and_en_ru_but_no_es_ru(fixture_index: Path) -> None:
    index = load_index(str(fixture_index))

    assert {ES_EN, EN_RU} <= index.pairs
    assert ES_RU not in index.pairs
    entry = index.find(ES_EN)
    assert entry is not None and entry.version == "1.9"
    assert entry.file_name == "translate-es_en-1_9.argosmodel"


def test_ipfs_links_are_not_download_links() -> None:
    data = json.dumps(
        [
            {
                "from_code": "ar",
                "to_code": "en",
                "package_version": "1.0",
                "links": ["https://example.org/translate-ar_en-1_0.argosmodel", "ipfs://Qm"],
            }
        ]
    )
    entry = parse_index(data.encode(), "test").find(Pair("ar", "en"))

    assert entry is not None
    assert entry.download_links == ("https://example.org/translate-ar_en-1_0.argosmodel",)


def test_index_keeps_the_newest_version_of_a_pair() -> None:
    data = json.dumps(
        [
            {"from_code": "es", "to_code": "en", "package_version": version, "links": []}
            for version in ("1.9", "1.10", "1.0")
        ]
    )
    entry = parse_index(data.encode(), "test").find(ES_EN)

    assert entry is not None and entry.version == "1.10"


def test_index_that_is_not_json_is_a_clear_error(tmp_path: Path) -> None:
    broken = tmp_path / "index.json"
    broken.write_text("<html>not json</html>")

    with pytest.raises(PipelineError, match=r"index.json is not valid JSON"):
        load_index(str(broken))


def test_russian_is_reached_through_english_on_the_real_index(fixture_index: Path) -> None:
    available = load_index(str(fixture_index)).pairs

    assert route("es", "ru", "en", available) == (ES_EN, EN_RU)
    assert required_packages("es", ["en", "ru"], "en", available) == [ES_EN, EN_RU]


def test_a_direct_package_is_preferred_when_one_exists(fixture_index: Path) -> None:
    available = load_index(str(fixture_index)).pairs | {ES_RU}

    assert route("es", "ru", "en", available) == (ES_RU,)
    assert required_packages("es", ["en", "ru"], "en", available) == [ES_EN, ES_RU]


def test_translating_into_the_source_language_needs_no_package() -> None:
    assert route("es", "es", "en", set()) == ()


@pytest.mark.parametrize("text", ["es-en", "es→en", "es_en", "ES->EN", "translate-es_en"])
def test_pairs_are_read_as_users_write_them(text: str) -> None:
    assert Pair.parse(text) == ES_EN


def test_a_pair_that_cannot_be_read_says_how_to_write_it() -> None:
    with pytest.raises(PipelineError, match=r"e\.g\. es-en"):
        Pair.parse("spanish")


# --- offline ---------------------------------------------------------------------------------


def test_unreachable_index_says_to_connect_or_import(
    argos_home: Path, unreachable_url: str
) -> None:
    with pytest.raises(PipelineError) as error:
        packages.install_packages(Settings(root=argos_home), index_location=unreachable_url)

    message = str(error.value)
    assert f"could not reach the Argos package index {unreachable_url}" in message
    assert "connect to the internet" in message
    assert "pipeline models import FILE" in message
    assert folder_names(argos_home / "packages") == []


def test_missing_index_file_is_named(argos_home: Path, tmp_path: Path) -> None:
    with pytest.raises(PipelineError, match=r"cannot read the package index .*nothing\.json"):
        load_index(str(tmp_path / "nothing.json"))


def test_the_default_index_comes_from_argostranslate_settings(argos_home: Path) -> None:
    from argostranslate import settings

    with pytest.raises(PipelineError) as error:
        load_index()

    assert settings.remote_package_index in str(error.value)


def test_unreachable_index_falls_back_to_the_cached_copy(
    argos_home: Path, fixture_index: Path, unreachable_url: str
) -> None:
    (argos_home / "index.json").write_bytes(fixture_index.read_bytes())

    index = load_index(unreachable_url)

    assert ES_EN in index.pairs
    assert index.offline_note is not None and unreachable_url in index.offline_note


# --- download and install --------------------------------------------------------------------


def test_install_downloads_and_installs_what_argostranslate_then_loads(
    argos_home: Path, make_package, serve_packages
) -> None:
    index_url = serve_packages(make_package("es", "en"), make_package("en", "ru"))

    results = packages.install_packages(Settings(root=argos_home), index_location=index_url)

    assert [str(result.package) for result in results] == ["es→en 1.9", "en→ru 1.9"]
    assert installed_by_argos() == [("en", "ru", "1.9"), ("es", "en", "1.9")]
    assert folder_names(argos_home / "packages") == ["translate-en_ru-1_9", "translate-es_en-1_9"]
    # No half files anywhere: downloads cleaned, no work folders beside the packages folder.
    assert folder_names(argos_home / "downloads") == []
    assert folder_names(argos_home) == ["downloads", "index.json", "packages"]


def test_install_keeps_the_downloaded_index_as_argostranslates_cached_copy(
    argos_home: Path, make_package, serve_packages
) -> None:
    index_url = serve_packages(make_package("es", "en"))

    packages.install_packages(Settings(root=argos_home), [ES_EN], index_location=index_url)

    cached = json.loads((argos_home / "index.json").read_text())
    assert [entry["code"] for entry in cached] == ["translate-es_en"]


def test_install_leaves_installed_packages_alone(
    argos_home: Path, make_package, serve_packages
) -> None:
    packages.import_package(make_package("es", "en", "1.0"))
    index_url = serve_packages(make_package("es", "en", "1.9"))

    [result] = packages.install_packages(
        Settings(root=argos_home), [ES_EN], index_location=index_url
    )

    assert result.already_installed
    assert installed_by_argos() == [("es", "en", "1.0")]


def test_upgrade_replaces_an_older_version(argos_home: Path, make_package, serve_packages) -> None:
    packages.import_package(make_package("es", "en", "1.0"))
    index_url = serve_packages(make_package("es", "en", "1.9"))

    [result] = packages.install_packages(
        Settings(root=argos_home), [ES_EN], index_location=index_url, upgrade=True
    )

    assert [old.version for old in result.replaced] == ["1.0"]
    assert installed_by_argos() == [("es", "en", "1.9")]
    assert folder_names(argos_home / "packages") == ["translate-es_en-1_9"]


def test_install_tries_the_next_link_when_one_fails(
    argos_home: Path, make_package, serve_packages, unreachable_url: str
) -> None:
    package = make_package("es", "en")
    index_url = serve_packages(package)
    served = index_url.replace("index.json", package.name)
    links = ["ipfs://Qm", unreachable_url + package.name, index_url + ".missing", served]
    index_url = serve_packages(package, overrides={package: {"links": links}})

    packages.install_packages(Settings(root=argos_home), [ES_EN], index_location=index_url)

    assert installed_by_argos() == [("es", "en", "1.9")]


def test_install_when_no_link_works_says_what_to_download(
    argos_home: Path, make_package, serve_packages, unreachable_url: str
) -> None:
    package = make_package("es", "en")
    link = unreachable_url + "translate-es_en-1_9.argosmodel"
    index_url = serve_packages(package, overrides={package: {"links": [link]}})

    with pytest.raises(PipelineError) as error:
        packages.install_packages(Settings(root=argos_home), [ES_EN], index_location=index_url)

    message = str(error.value)
    assert "could not download the es→en package" in message
    assert link in message
    assert "download translate-es_en-1_9.argosmodel on a machine with internet" in message
    assert folder_names(argos_home / "packages") == []
    assert folder_names(argos_home / "downloads") == []


def test_install_refuses_a_download_that_is_not_the_promised_version(
    argos_home: Path, make_package, serve_packages
) -> None:
    package = make_package("es", "en", "1.0")
    index_url = serve_packages(package, overrides={package: {"package_version": "1.9"}})

    with pytest.raises(
        PipelineError, match=r"holds es→en version 1\.0, but the index offers version 1\.9"
    ):
        packages.install_packages(Settings(root=argos_home), [ES_EN], index_location=index_url)
    assert folder_names(argos_home / "packages") == []


def test_install_checks_the_checksum_when_the_index_gives_one(
    argos_home: Path, make_package, serve_packages
) -> None:
    package = make_package("es", "en")
    index_url = serve_packages(package, overrides={package: {"sha256": "0" * 64}})

    with pytest.raises(PipelineError, match=r"arrived damaged \(SHA-256"):
        packages.install_packages(Settings(root=argos_home), [ES_EN], index_location=index_url)
    assert folder_names(argos_home / "packages") == []


def test_install_names_a_pair_the_index_does_not_offer(
    argos_home: Path, fixture_index: Path
) -> None:
    with pytest.raises(PipelineError, match=r"offers no es→xx package"):
        packages.install_packages(
            Settings(root=argos_home), [Pair("es", "xx")], index_location=str(fixture_index)
        )


# --- import ----------------------------------------------------------------------------------


def test_import_installs_a_package_file(argos_home: Path, make_package) -> None:
    result = packages.import_package(make_package("en", "ru"))

    assert result.package.path == argos_home / "packages" / "translate-en_ru-1_9"
    assert installed_by_argos() == [("en", "ru", "1.9")]


def test_import_replaces_the_installed_package_of_the_same_pair(
    argos_home: Path, make_package
) -> None:
    packages.import_package(make_package("es", "en", "1.9"))

    result = packages.import_package(make_package("es", "en", "1.0"))

    assert [old.version for old in result.replaced] == ["1.9"]
    assert installed_by_argos() == [("es", "en", "1.0")]


def _zip_with(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def _without(members: dict[str, bytes], suffix: str) -> dict[str, bytes]:
    return {name: data for name, data in members.items() if not name.endswith(suffix)}


def _with_metadata(members: dict[str, bytes], text: bytes) -> dict[str, bytes]:
    return {n: text if n.endswith("metadata.json") else d for n, d in members.items()}


BROKEN_PACKAGES = {
    "parent path": (
        lambda m: {**m, "translate-es_en-1_9/../../evil.txt": b"x"},
        r"outside the package folder",
    ),
    "absolute path": (lambda m: {**m, "/etc/evil.txt": b"x"}, r"has an absolute path"),
    "no metadata": (lambda m: _without(m, "metadata.json"), r"it has no metadata\.json"),
    "bad json": (lambda m: _with_metadata(m, b"{not json"), r"metadata\.json is not valid JSON"),
    "no codes": (lambda m: _with_metadata(m, b"{}"), r"does not give from_code and to_code"),
    "no model": (lambda m: _without(m, "model.bin"), r"it has no model \(model/model\.bin\)"),
    "no tokenizer": (lambda m: _without(m, "sentencepiece.model"), r"it has no tokenizer"),
    "two folders": (lambda m: {**m, "other/file.txt": b"x"}, r"exactly one folder"),
    "loose file": (lambda m: {**m, "loose.txt": b"x"}, r"exactly one folder"),
}


@pytest.mark.parametrize("case", BROKEN_PACKAGES)
def test_import_rejects_a_broken_or_unsafe_package(
    argos_home: Path, tmp_path: Path, package_members, case: str
) -> None:
    change, expected = BROKEN_PACKAGES[case]
    broken = _zip_with(tmp_path / "broken.argosmodel", change(package_members("es", "en")))

    with pytest.raises(PipelineError, match=expected) as error:
        packages.import_package(broken)

    assert str(broken) in str(error.value)
    assert folder_names(argos_home / "packages") == []
    assert not (tmp_path / "evil.txt").exists()


def test_import_rejects_a_symbolic_link(argos_home: Path, tmp_path: Path, package_members) -> None:
    path = _zip_with(tmp_path / "link.argosmodel", package_members("es", "en"))
    link = zipfile.ZipInfo("translate-es_en-1_9/model/link")
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr(link, "/etc/passwd")

    with pytest.raises(PipelineError, match=r"'translate-es_en-1_9/model/link' is a symbolic link"):
        packages.import_package(path)
    assert folder_names(argos_home / "packages") == []


def test_import_rejects_a_file_that_is_not_a_zip(argos_home: Path, tmp_path: Path) -> None:
    path = tmp_path / "download.argosmodel"
    path.write_text("<html>Rate limited</html>")

    with pytest.raises(
        PipelineError, match=r"download\.argosmodel is not an Argos package: it is not a zip"
    ):
        packages.import_package(path)


def test_an_interrupted_install_leaves_no_partial_package(
    argos_home: Path, make_package, monkeypatch: pytest.MonkeyPatch
) -> None:
    packages.import_package(make_package("es", "en", "1.0"))
    unpack = package_files._unpack_member
    calls = []

    def fail_midway(*args: object) -> None:
        calls.append(args)
        if len(calls) == 3:
            raise KeyboardInterrupt
        unpack(*args)

    monkeypatch.setattr(package_files, "_unpack_member", fail_midway)

    with pytest.raises(KeyboardInterrupt):
        packages.import_package(make_package("es", "en", "1.9"))

    assert len(calls) == 3
    assert installed_by_argos() == [("es", "en", "1.0")]
    assert folder_names(argos_home) == ["downloads", "packages"]


# --- remove ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["es-en", "es→en", "translate-es_en", "translate-es_en-1_9"])
def test_remove_by_pair_or_folder(argos_home: Path, make_package, name: str) -> None:
    packages.import_package(make_package("es", "en"))
    packages.import_package(make_package("en", "ru"))

    removed = packages.remove_packages(name)

    assert removed == [argos_home / "packages" / "translate-es_en-1_9"]
    assert installed_by_argos() == [("en", "ru", "1.9")]
    assert folder_names(argos_home) == ["downloads", "packages"]


def test_remove_names_what_is_not_installed(argos_home: Path) -> None:
    with pytest.raises(PipelineError, match=r"no es→en package is installed"):
        packages.remove_packages("es-en")


def test_remove_clears_a_broken_folder_that_blocks_argostranslate(argos_home: Path) -> None:
    (argos_home / "packages" / "half-copied").mkdir()
    with pytest.raises(PipelineError, match=r"half-copied is not a readable Argos package"):
        packages.installed_packages()

    packages.remove_packages("half-copied")

    assert packages.installed_packages() == []


# --- what a project needs --------------------------------------------------------------------


def test_missing_packages_for_english_and_russian(argos_home: Path, make_package) -> None:
    settings = Settings(root=argos_home)
    assert packages.missing_packages(settings) == [ES_EN, EN_RU]

    packages.import_package(make_package("es", "en"))

    assert packages.missing_packages(settings) == [EN_RU]


def test_ensure_installed_names_the_pairs_and_both_ways_to_get_them(
    argos_home: Path, fixture_index: Path
) -> None:
    (argos_home / "index.json").write_bytes(fixture_index.read_bytes())  # as after `argospm update`

    with pytest.raises(PipelineError) as error:
        packages.ensure_installed(Settings(root=argos_home))

    message = str(error.value)
    assert "missing Argos Translate package(s) es→en, en→ru" in message
    assert "`pipeline models install` (needs the internet)" in message
    assert "https://argos-net.com/v1/translate-es_en-1_9.argosmodel" in message
    assert "https://argos-net.com/v1/translate-en_ru-1_9.argosmodel" in message
    assert "`pipeline models import FILE`" in message


def test_ensure_installed_without_any_index_points_to_the_index(argos_home: Path) -> None:
    from argostranslate import settings

    with pytest.raises(PipelineError) as error:
        packages.ensure_installed(Settings(root=argos_home, target_languages=("en",)))

    message = str(error.value)
    assert "missing Argos Translate package(s) es→en," in message
    assert f"translate-es_en-* (links are in {settings.remote_package_index})" in message


def test_ensure_installed_returns_the_routes(argos_home: Path, make_package) -> None:
    packages.import_package(make_package("es", "en"))
    packages.import_package(make_package("en", "ru"))

    assert packages.ensure_installed(Settings(root=argos_home)) == {
        "en": (ES_EN,),
        "ru": (ES_EN, EN_RU),
    }


def test_ensure_installed_prefers_an_installed_direct_package(
    argos_home: Path, make_package
) -> None:
    packages.import_package(make_package("es", "en"))
    packages.import_package(make_package("es", "ru"))

    assert packages.ensure_installed(Settings(root=argos_home))["ru"] == (ES_RU,)


def test_translate_plans_the_direct_package_that_models_install_fetched(
    argos_home: Path, make_package, serve_packages, project: Path
) -> None:
    from pipeline.config import load_settings
    from pipeline.extract import extract_document, load_documents
    from pipeline.mt.argos.engine import ArgosEngine
    from pipeline.translate import plan_translation

    es_en, es_ru, en_ru = (
        make_package("es", "en"),
        make_package("es", "ru"),
        make_package("en", "ru"),
    )
    settings = load_settings(project)
    installed = packages.install_packages(
        settings, index_location=serve_packages(es_en, es_ru, en_ru)
    )
    documents = load_documents(settings)
    for document in documents:
        extract_document(settings, document)
    plan = plan_translation(settings, documents, ["en", "ru"], ArgosEngine(settings))

    assert [result.package.pair for result in installed] == plan.pairs == [ES_EN, ES_RU]


# --- archive faults --------------------------------------------------------------------------


def test_an_archive_declaring_far_more_than_its_size_is_refused_before_unpacking(
    argos_home: Path, tmp_path: Path, package_members
) -> None:
    members = package_members("es", "en")
    members["translate-es_en-1_9/model/model.bin"] = bytes(2_000_000)
    path = tmp_path / "bomb.argosmodel"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)

    with pytest.raises(PipelineError, match=r"bomb\.argosmodel declares 2 MB unpacked from 0 MB"):
        packages.import_package(path)
    assert folder_names(argos_home / "packages") == []


def test_an_archive_declaring_more_than_the_overall_cap_is_refused(
    argos_home: Path, make_package, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(package_files, "MAX_UNPACKED", 10)
    with pytest.raises(PipelineError, match=r"at most 20 times its size and 0 GiB"):
        packages.import_package(make_package("es", "en"))


def test_a_corrupt_deflate_stream_is_a_one_line_error_and_installs_nothing(
    argos_home: Path, tmp_path: Path, package_members
) -> None:
    members = package_members("es", "en")
    model = "translate-es_en-1_9/model/model.bin"
    members[model] = bytes(range(256)) * 40
    path = tmp_path / "corrupt.argosmodel"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(model)
    data = bytearray(path.read_bytes())
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start : start + 8] = b"\xff" * 8
    path.write_bytes(bytes(data))

    with pytest.raises(PipelineError, match=r"corrupt\.argosmodel is damaged .*download it again"):
        packages.import_package(path)
    assert folder_names(argos_home / "packages") == []
    assert not list(argos_home.glob(".pipeline-work-*"))


def test_a_work_folder_left_by_a_killed_import_is_removed_by_the_next_one(
    argos_home: Path, make_package
) -> None:
    packages_dir = argos_home / "packages"
    left = packages_dir.parent / ".pipeline-work-killed"
    (left / "translate-es_en-1_9" / "model").mkdir(parents=True)
    (left / ".lock").touch()
    os.utime(left, (0, 0))
    in_use = packages_dir.parent / ".pipeline-work-live"
    in_use.mkdir()
    os.utime(in_use, (0, 0))
    with (in_use / ".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        os.utime(in_use, (0, 0))
        packages.import_package(make_package("es", "en"))
        assert not left.exists()
        assert in_use.exists()
    assert installed_by_argos() == [("es", "en", "1.9")]


def test_argostranslate_settings_point_at_the_sessions_throwaway_folder() -> None:
    from argostranslate import settings

    packages = Path(settings.package_data_dir)
    assert packages == Path(os.environ["ARGOS_PACKAGES_DIR"])
    assert not packages.is_relative_to(Path.home())
