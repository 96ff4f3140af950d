"""docker-compose.yml and the Dockerfile configure copydesk with settings that exist."""

from __future__ import annotations


import pytest
import yaml

from stream import settings
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_compose_runs_kafka_in_kraft_mode_and_a_worker_built_here(compose):
    kafka, worker = compose["services"]["kafka"], compose["services"]["worker"]
    assert kafka["image"].startswith("apache/kafka:")
    assert kafka["environment"]["KAFKA_PROCESS_ROLES"] == "broker,controller"
    assert worker["build"] == "."
    assert worker["depends_on"]["kafka"]["condition"] == "service_healthy"
    assert all(p.startswith("127.0.0.1:") for p in worker["ports"])  # loopback only


def test_every_copydesk_variable_in_compose_is_a_real_setting(compose, monkeypatch):
    env = {k: str(v) for k, v in compose["services"]["worker"]["environment"].items()}
    assert env and all(k.startswith("COPYDESK_") for k in env)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    cfg = settings.load()  # raises ConfigError naming any key that does not exist
    assert cfg.kafka.broker == "kafka://kafka:9092"
    assert cfg.web.bind == "0.0.0.0" and str(cfg.store.data_dir) == "/data"


def test_the_image_runs_the_documented_worker_command():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert 'CMD ["faust", "-A", "stream.app", "worker", "-l", "info"]' in dockerfile
    assert "requirements.lock" in dockerfile and "HF_HUB_OFFLINE=1" in dockerfile
