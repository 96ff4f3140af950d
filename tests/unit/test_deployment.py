"""docker-compose.yml and the Dockerfile configure copydesk with settings that exist."""

from __future__ import annotations

import shutil
import subprocess

import pytest
import yaml

from stream import settings
from tests.helpers.paths import ROOT


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_compose_runs_kafka_in_kraft_mode_and_a_worker_built_here(compose):
    kafka, worker = compose["services"]["kafka"], compose["services"]["worker"]
    assert kafka["image"].startswith("apache/kafka:")
    assert kafka["environment"]["KAFKA_PROCESS_ROLES"] == "broker,controller"
    assert worker["build"] == "."
    assert worker["depends_on"]["kafka"]["condition"] == "service_healthy"
    assert host_ports(worker)  # loopback only


def settings_of(service: dict, monkeypatch) -> settings.Settings:
    """What a copydesk process in this service reads (raises ConfigError naming any key that does not exist)."""
    env = {k: str(v) for k, v in service["environment"].items()}
    assert env and all(k.startswith("COPYDESK_") for k in env)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    return settings.load()


def host_ports(service: dict) -> set[int]:
    """``127.0.0.1:6068-6071:6066`` -> {6068, ..., 6071}; every mapping must name the loopback."""
    ports = set()
    for mapping in service["ports"]:
        host, published, _ = mapping.split(":")
        assert host == "127.0.0.1", mapping  # loopback only
        first, _, last = published.partition("-")
        ports |= set(range(int(first), int(last or first) + 1))
    return ports


def test_every_copydesk_variable_in_compose_is_a_real_setting(compose, monkeypatch):
    cfg = settings_of(compose["services"]["worker"], monkeypatch)
    assert cfg.kafka.broker == "kafka://kafka:9092"
    assert cfg.web.bind == "0.0.0.0" and str(cfg.store.data_dir) == "/data"


def test_compose_runs_the_dashboard_on_the_story_topics_published_on_loopback(compose, monkeypatch):
    dash, worker = compose["services"]["dashboard"], compose["services"]["worker"]
    assert dash["build"] == "." and dash["command"] == ["copydesk", "dashboard"]
    assert dash["depends_on"]["kafka"]["condition"] == "service_healthy"
    cfg = settings_of(dash, monkeypatch)
    assert cfg.kafka.broker == settings_of(worker, monkeypatch).kafka.broker
    assert cfg.dashboard.bind == "0.0.0.0"  # inside the container; the host sees loopback only
    assert {m.rsplit(":", 1)[1] for m in dash["ports"]} == {str(cfg.dashboard.port)}
    assert host_ports(dash) and not host_ports(dash) & host_ports(worker)  # --scale worker=N never takes its port


def compose_command() -> list[str] | None:
    """``docker compose`` where the plugin is, else Debian's ``docker-compose`` (scripts/compose.sh)."""
    if shutil.which("docker"):
        probe = subprocess.run(["docker", "compose", "version"], capture_output=True, timeout=30)
        if probe.returncode == 0:
            return ["docker", "compose"]
    return ["docker-compose"] if shutil.which("docker-compose") else None


def test_docker_compose_config_validates_the_file():
    """The compose tool's own check (no engine needed)."""
    command = compose_command()
    if command is None:
        pytest.skip("neither the docker compose plugin nor docker-compose is installed (scripts/compose.sh)")
    done = subprocess.run([*command, "-f", str(ROOT / "docker-compose.yml"), "config"], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert {"kafka", "worker", "dashboard"} <= set(yaml.safe_load(done.stdout)["services"])


def test_the_image_runs_the_documented_worker_command():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert 'CMD ["faust", "-A", "stream.app", "worker", "-l", "info"]' in dockerfile
    assert "requirements.lock" in dockerfile and "HF_HUB_OFFLINE=1" in dockerfile
