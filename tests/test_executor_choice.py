"""Choosing where the models run (``--executor``, the settings), without needing Ray; and the
device options CTranslate2 is given (the GPU code path, exercised on a CPU machine)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.config import load_settings
from pipeline.errors import PipelineError
from pipeline.mt.argos import options
from pipeline.mt.argos.options import GPU_BATCH_SIZE, EngineOptions
from pipeline.translate.executors import ExecutorChoice, worker_flags

SEED = Path(__file__).parent.parent / "seeds" / "rusia-kazajistan-alianza.txt"


def settings_with(root: Path, table: str):
    (root / "pyproject.toml").write_text(f"[tool.pipeline]\n{table}\n", encoding="utf-8")
    return load_settings(root)


def test_the_executor_setting_and_its_ray_options_are_read(tmp_path: Path) -> None:
    settings = settings_with(
        tmp_path, 'executor = "ray"\nray_address = "10.0.0.5:6379"\nray_workers = 8'
    )
    assert ExecutorChoice.of(settings) == ExecutorChoice("ray", "10.0.0.5:6379", 8, 0)


def test_command_line_flags_override_the_executor_settings(tmp_path: Path) -> None:
    settings = settings_with(tmp_path, 'executor = "ray"\nray_workers = 8')
    choice = ExecutorChoice.of(settings, executor="local", address="auto", workers=2)
    assert choice == ExecutorChoice("local", "auto", 2, 0)


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ('executor = "spark"', 'executor must be "local" or "ray", not \'spark\''),
        ("ray_workers = -1", "ray_workers must be a number of actors"),
        ('ray_workers = "4"', "ray_workers must be a number of actors"),
    ],
)
def test_bad_executor_settings_are_one_clear_line(tmp_path: Path, table: str, message: str) -> None:
    with pytest.raises(PipelineError, match=message):
        settings_with(tmp_path, table)


def test_the_local_executor_is_the_default(tmp_path: Path) -> None:
    assert ExecutorChoice.of(load_settings(tmp_path)).kind == "local"


def translating_project(root: Path) -> Path:
    (root / "seeds").mkdir()
    shutil.copy(SEED, root / "seeds" / SEED.name)
    return root


def without_ray(monkeypatch: pytest.MonkeyPatch) -> None:
    """``import ray`` fails from here on, as without the extra, even if a test imported it."""
    import pipeline.translate

    monkeypatch.setitem(sys.modules, "ray", None)
    monkeypatch.delitem(sys.modules, "pipeline.translate.ray_executor", raising=False)
    monkeypatch.delattr(pipeline.translate, "ray_executor", raising=False)


def test_ray_chosen_but_not_installed_says_how_to_install_it_and_writes_no_draft(
    tmp_path: Path, install_argos, monkeypatch: pytest.MonkeyPatch
) -> None:
    install_argos("copy-es-en", "copy-en-ru")
    root = translating_project(tmp_path)
    without_ray(monkeypatch)
    result = CliRunner().invoke(main, ["--project", str(root), "translate", "--executor", "ray"])
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    assert "--executor ray needs Ray, which is not installed" in result.output
    assert "pip install -e '.[ray]'" in result.output
    assert "drafted" not in result.output


def test_an_unchanged_project_needs_no_ray_even_with_executor_ray(
    tmp_path: Path, install_argos, monkeypatch: pytest.MonkeyPatch
) -> None:
    install_argos("copy-es-en", "copy-en-ru")
    root = translating_project(tmp_path)
    runner = CliRunner()
    assert runner.invoke(main, ["--project", str(root), "translate"]).exit_code == 0
    without_ray(monkeypatch)
    again = runner.invoke(main, ["--project", str(root), "translate", "--executor", "ray"])
    assert again.exit_code == 0, again.output
    assert "nothing to translate" in again.output


@pytest.mark.parametrize(("cpus", "inter", "intra"), [(1, 1, 1), (2, 2, 1), (8, 2, 4)])
def test_a_workers_threads_fill_its_cpus(cpus: int, inter: int, intra: int) -> None:
    flags = worker_flags({"beam_size": 1, "inter_threads": 2}, cpus)
    assert flags == {"beam_size": 1, "inter_threads": inter, "intra_threads": intra}


def test_cuda_runs_one_worker_with_gpu_sized_batches() -> None:
    chosen = EngineOptions.from_flags({"device": "cuda"})
    assert (chosen.device, chosen.inter_threads) == ("cuda", 1)
    assert chosen.max_batch_size == GPU_BATCH_SIZE > EngineOptions().max_batch_size


def test_a_batch_size_given_is_kept_on_a_gpu() -> None:
    chosen = EngineOptions.from_flags({"device": "cuda", "batch_size": 24})
    assert chosen.max_batch_size == 24


@pytest.mark.parametrize(("devices", "device"), [(0, "cpu"), (1, "cuda")])
def test_auto_takes_a_gpu_when_ctranslate2_sees_one(
    monkeypatch: pytest.MonkeyPatch, devices: int, device: str
) -> None:
    monkeypatch.setattr(options, "_cuda_devices", lambda: devices)
    assert EngineOptions.from_flags({"device": "auto"}).device == device


def test_on_a_cpu_the_batch_size_left_out_is_the_cpu_default() -> None:
    assert EngineOptions.from_flags({"device": "cpu", "batch_size": None}).max_batch_size == 16
