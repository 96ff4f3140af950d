"""Settings: the documented file, environment overrides, and clear errors."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from stream import settings
from tests.helpers.paths import ROOT


def test_the_config_file_holds_every_knob_with_its_default():
    on_file = tomllib.loads((ROOT / "config" / "copydesk.toml").read_text())
    defaults = settings.Settings.model_construct()
    for section, model in settings.Settings.model_fields.items():
        assert section in on_file, f"[{section}] missing from config/copydesk.toml"
        fields = model.annotation.model_fields
        assert set(on_file[section]) == set(fields), section
        for key, value in on_file[section].items():
            assert str(getattr(getattr(defaults, section), key)) == str(value), f"{section}.{key}"


def test_every_knob_is_named_in_the_readme():
    """Each ``section.key`` in full: an abbreviation (`_lexical`) would let a knob go undocumented."""
    readme = (ROOT / "README.md").read_text()
    missing = [f"{section}.{key}" for section, model in settings.Settings.model_fields.items()
               for key in model.annotation.model_fields if f"`{section}.{key}`" not in readme]
    assert not missing, f"not in README.md: {missing}"


def test_environment_overrides_the_file(monkeypatch):
    monkeypatch.setenv("COPYDESK_DEDUP_WINDOW_HOURS", "12")
    monkeypatch.setenv("COPYDESK_TOPICS_PREFIX", "desk2.")
    cfg = settings.load()
    assert cfg.dedup.window_hours == 12.0
    assert cfg.topics.name("items") == "desk2.wire.items"


@pytest.mark.parametrize(
    "var, value, says",
    [
        ("COPYDESK_KAFKA_PROCESSING_GUARANTEE", "maybe", "'at_least_once' or 'exactly_once'"),
        ("COPYDESK_STORIES_JOIN_PROBABILITY", "1.5", "less than 1"),
        ("COPYDESK_STORE_TABLE_STORE", "redis://", "'rocksdb://' or 'memory://'"),
        ("COPYDESK_DEDUP_WINDOW_HOURZ", "3", "Extra inputs are not permitted"),
    ],
)
def test_an_invalid_value_stops_startup_naming_key_and_allowed_values(monkeypatch, var, value, says):
    monkeypatch.setenv(var, value)
    with pytest.raises(settings.ConfigError) as err:
        settings.load()
    message = str(err.value)
    assert var.removeprefix("COPYDESK_").split("_")[0].lower() in message and says in message


def test_a_missing_config_file_is_named(monkeypatch, tmp_path):
    monkeypatch.setenv("COPYDESK_CONFIG", str(tmp_path / "nope.toml"))
    with pytest.raises(settings.ConfigError, match="nope.toml"):
        settings.load()


def test_each_agent_takes_worker_batch_size_records_per_batch():
    """``embeddings.batch_size`` is texts per forward pass (torch); what an agent takes is ``worker.batch_size``."""
    import ast

    for agent in ("intake", "decide"):
        tree = ast.parse((ROOT / "stream" / "worker" / f"{agent}.py").read_text())
        takes = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and getattr(n.func, "attr", "") == "noack_take"]
        assert takes and all(ast.unparse(t.args[0]) == "cfg.worker.batch_size" for t in takes), agent
    assert settings.Settings().worker.batch_size == 32


@pytest.fixture
def installed(monkeypatch, tmp_path):
    """A non-editable install: the package lives where no config/ is (site-packages)."""
    site = tmp_path / "site-packages"
    (site / "stream").mkdir(parents=True)
    monkeypatch.setattr(settings, "ROOT", site)
    monkeypatch.delenv("COPYDESK_CONFIG", raising=False)
    return site


def deployment(home, text: str = 'store.data_dir = "tables"\n'):
    (home / "config").mkdir(parents=True)
    (home / "config" / "copydesk.toml").write_text(text.replace("store.", "[store]\n"))
    return home


def test_an_installed_package_finds_the_config_in_the_working_directory(installed, tmp_path, monkeypatch):
    home = deployment(tmp_path / "desk")
    monkeypatch.chdir(home)
    cfg = settings.load()
    assert settings.config_file() == home / "config" / "copydesk.toml"
    assert settings.resolve(cfg.store.data_dir) == home / "tables"  # not next to the package
    assert settings.resolve(cfg.embeddings.onnx_cache_dir) == home / ".copydesk" / "onnx"


def test_copydesk_config_wins_and_paths_resolve_against_its_directory(installed, tmp_path, monkeypatch):
    monkeypatch.chdir(deployment(tmp_path / "elsewhere"))
    own = tmp_path / "etc" / "desk.toml"
    own.parent.mkdir()
    own.write_text('[store]\ndata_dir = "tables"\n')
    monkeypatch.setenv("COPYDESK_CONFIG", str(own))
    assert settings.resolve(settings.load().store.data_dir) == own.parent / "tables"


def test_an_editable_install_finds_the_repo_config_from_any_directory(monkeypatch, tmp_path):
    monkeypatch.delenv("COPYDESK_CONFIG", raising=False)
    monkeypatch.chdir(tmp_path)  # no config/ here
    assert settings.config_file() == ROOT / "config" / "copydesk.toml"
    assert settings.resolve(settings.load().store.data_dir) == ROOT / ".copydesk" / "worker"


def test_nothing_found_names_where_it_looked(installed, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(settings.ConfigError, match="COPYDESK_CONFIG") as err:
        settings.load()
    assert str(tmp_path / "config" / "copydesk.toml") in str(err.value)


def test_the_image_layout_finds_the_config_it_copies(installed, tmp_path, monkeypatch):
    """What the Dockerfile lays out (WORKDIR, COPY config, ENV) makes an installed copydesk find it."""
    import re

    dockerfile = (ROOT / "Dockerfile").read_text()
    workdir = re.search(r"^WORKDIR (\S+)", dockerfile, re.M).group(1)
    dest = re.search(r"^COPY config (\S+)", dockerfile, re.M).group(1)
    copied = (Path(workdir) / dest / "copydesk.toml").as_posix()
    declared = re.search(r"COPYDESK_CONFIG=(\S+)", dockerfile)
    assert declared and declared.group(1) == copied  # the image says where, whatever the working directory
    image = tmp_path / "image"  # the image's / here
    deployment(image / copied.lstrip("/").removesuffix("/config/copydesk.toml"))
    monkeypatch.chdir(image / workdir.lstrip("/"))  # even without the ENV: the working directory's
    cfg = settings.load()
    assert settings.config_file() == image / copied.lstrip("/")
    assert settings.resolve(cfg.store.data_dir) == image / workdir.lstrip("/") / "tables"
