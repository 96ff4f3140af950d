"""Typed settings: ``config/copydesk.toml`` overridden by ``COPYDESK_<SECTION>_<KEY>``.

>>> import os
>>> os.environ["COPYDESK_DEDUP_WINDOW_HOURS"] = "24"
>>> load().dedup.window_hours
24.0
>>> del os.environ["COPYDESK_DEDUP_WINDOW_HOURS"]
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict
from pydantic_settings import TomlConfigSettingsSource

ROOT = Path(__file__).resolve().parent.parent  # the repo in an editable install, else site-packages
CONFIG = Path("config") / "copydesk.toml"


class Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Kafka(Section):
    broker: str = "kafka://127.0.0.1:9092"
    app_id: str = "copydesk"
    processing_guarantee: Literal["at_least_once", "exactly_once"] = "at_least_once"
    session_timeout_s: float = Field(30.0, gt=0)
    heartbeat_interval_s: float = Field(3.0, gt=0)
    replication_factor: int = Field(1, ge=1)


class Topics(Section):
    prefix: str = ""  # prepended to every topic name (test runs, shared clusters)
    items: str = "wire.items"
    items_partitions: int = Field(4, ge=1)
    prepared: str = "copydesk.prepared"
    prepared_partitions: Literal[1] = 1  # the decision stage needs one consistent view
    dedup: str = "wire.dedup"
    dedup_partitions: int = Field(4, ge=1)
    duplicates: str = "wire.duplicates"
    duplicates_partitions: int = Field(4, ge=1)
    story_events: str = "stories.events"
    story_events_partitions: int = Field(1, ge=1)
    story_state: str = "stories.state"
    story_state_partitions: int = Field(1, ge=1)
    deadletter: str = "wire.deadletter"
    deadletter_partitions: int = Field(1, ge=1)
    actions: str = "desk.actions"
    actions_partitions: Literal[1] = 1  # editors' actions apply in the order they were given
    alerts: str = "stories.alerts"
    alerts_partitions: int = Field(1, ge=1)

    def name(self, key: str) -> str:
        """The full topic name for ``key`` ("items", "dedup", ...), prefix included."""
        return self.prefix + getattr(self, key)

    def partitions(self, key: str) -> int:
        return getattr(self, f"{key}_partitions")


class Store(Section):
    table_store: Literal["rocksdb://", "memory://"] = "rocksdb://"
    data_dir: Path = Path(".copydesk/worker")


class Worker(Section):
    batch_size: int = Field(32, ge=1)  # records each agent takes from Kafka at once


class Input(Section):
    max_item_bytes: int = Field(1_000_000, ge=1_000)
    max_body_chars: int = Field(200_000, ge=1_000)
    max_nesting: int = Field(64, ge=2, le=200)
    max_clock_skew_s: float = Field(600.0, ge=0)


class Dedup(Section):
    window_hours: float = Field(72.0, gt=0)
    remember_hours: float = Field(168.0, gt=0)
    num_perm: int = Field(128, ge=16, le=1024)
    shingle_size: int = Field(3, ge=1, le=10)
    lsh_threshold: float = Field(0.5, gt=0, lt=1)
    near_threshold: float = Field(0.8, gt=0, le=1)
    version_containment: float = Field(0.3, gt=0, le=1)
    version_min_words: int = Field(20, ge=0)
    version_jaccard: float = Field(0.5, gt=0, le=1)
    slug_min_overlap: float = Field(0.1, ge=0, le=1)


class Embeddings(Section):
    backend: Literal["use", "onnx", "torch"] = "use"
    model_path: str = ""
    max_tokens: int = Field(128, ge=8, le=512)
    batch_size: int = Field(32, ge=1)
    onnx_cache_dir: Path = Path(".copydesk/onnx")
    threads: int = Field(2, ge=1, le=64)
    own_process: bool = True  # the worker encodes in a child process (replay: in its own)
    process_threads: int = Field(1, ge=1, le=64)  # that child's threads: the worker's loop has the other core


class Stories(Section):
    model_path: str = ""
    join_probability: float = Field(0.6, gt=0, lt=1)
    merge_probability: float = Field(0.9, gt=0, lt=1)
    candidates: int = Field(20, ge=1)
    dormant_hours: float = Field(24.0, gt=0)
    closed_hours: float = Field(72.0, gt=0)
    retain_days: float = Field(120.0, gt=0)
    template_hours: float = Field(24.0, gt=0)


class Alerts(Section):
    min_agencies: int = Field(3, ge=1)
    window_minutes: float = Field(15.0, gt=0)
    max_urgency: int = Field(2, ge=0, le=9)  # 0: urgency raises no alert
    quiet_minutes: float = Field(60.0, gt=0)


class Feeds(Section):
    silence_minutes: float = Field(20.0, gt=0)
    agency_silence_minutes: dict[str, float] = Field(default_factory=dict)


class Web(Section):
    bind: str = "127.0.0.1"
    port: int = Field(6066, ge=1, le=65535)
    token: str = ""  # editors' write side (POST /actions, the dashboard's buttons); "" = read-only


class Health(Section):
    stall_s: float = Field(60.0, gt=0)
    broker_timeout_s: float = Field(15.0, gt=0)
    check_interval_s: float = Field(5.0, gt=0)


class Dashboard(Section):
    bind: str = "127.0.0.1"
    port: int = Field(6067, ge=1, le=65535)


class Log(Section):
    level: Literal["debug", "info", "warning", "error"] = "info"
    repeat_s: float = Field(30.0, ge=0)


class Settings(BaseSettings):
    """All of copydesk's knobs; see ``config/copydesk.toml`` for what each one does."""

    model_config = SettingsConfigDict(
        env_prefix="COPYDESK_",
        env_nested_delimiter="_",
        env_nested_max_split=1,
        extra="forbid",
        frozen=True,
    )

    kafka: Kafka = Kafka()
    topics: Topics = Topics()
    store: Store = Store()
    worker: Worker = Worker()
    input: Input = Input()
    dedup: Dedup = Dedup()
    embeddings: Embeddings = Embeddings()
    stories: Stories = Stories()
    alerts: Alerts = Alerts()
    feeds: Feeds = Feeds()
    web: Web = Web()
    health: Health = Health()
    dashboard: Dashboard = Dashboard()
    log: Log = Log()

    @classmethod
    def settings_customise_sources(
        cls, settings_cls, init_settings, env_settings, dotenv_settings, file_secret_settings
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        toml = TomlConfigSettingsSource(settings_cls, toml_file=config_file())
        return (init_settings, env_settings, toml)


class ConfigError(SystemExit):
    """Start-up stops on bad configuration with a message naming the key."""


def candidates() -> list[Path]:
    """Where the config file is looked for, in order: ``COPYDESK_CONFIG``, else
    ``config/copydesk.toml`` in the working directory (a deployment, the image), else next to
    the package (the repo, for an editable install; an installed package has none there)."""
    if os.environ.get("COPYDESK_CONFIG"):
        return [Path(os.environ["COPYDESK_CONFIG"])]
    return [Path.cwd() / CONFIG, ROOT / CONFIG]


def config_file() -> Path:
    """The config file in use: the first candidate that exists (else the first, to name it)."""
    found = candidates()
    return next((p for p in found if p.is_file()), found[0]).absolute()


def config_home() -> Path:
    """What relative paths in the config are relative to: the directory holding ``config/``
    for ``.../config/copydesk.toml``, else the file's own directory."""
    path = config_file()
    return path.parent.parent if path.parent.name == CONFIG.parent.name else path.parent


def load(**overrides) -> Settings:
    """Read the config file and the environment; raise ConfigError naming bad keys."""
    path = config_file()
    if not path.is_file():
        looked = ", ".join(str(p) for p in candidates())
        raise ConfigError(f"copydesk: config file not found (looked at {looked}; set COPYDESK_CONFIG)")
    try:
        return Settings(**overrides)
    except ValidationError as exc:
        raise ConfigError(describe(exc, path)) from None


def describe(exc: ValidationError, path: Path) -> str:
    lines = [f"copydesk: invalid configuration ({path} and COPYDESK_* environment):"]
    for err in exc.errors():
        key = ".".join(str(p) for p in err["loc"])
        env = "COPYDESK_" + "_".join(str(p) for p in err["loc"][:2]).upper()
        got = err.get("input")
        shown = "" if isinstance(got, dict) else f" = {got!r}"
        lines.append(f"  {key}{shown}: {err['msg']} (env {env})")
    return "\n".join(lines)


def resolve(path: Path) -> Path:
    """A relative path in the configuration (``store.data_dir``, ``embeddings.onnx_cache_dir``)
    is relative to where the config was found (:func:`config_home`), never to the package."""
    return path if path.is_absolute() else config_home() / path


@lru_cache(maxsize=1)
def current() -> Settings:
    """The process-wide settings, loaded once."""
    return load()


def encoder_config(cfg: Settings) -> Embeddings:
    """``[embeddings]`` with its paths resolved: the embeddings package takes paths as they are."""
    return cfg.embeddings.model_copy(update={"onnx_cache_dir": resolve(cfg.embeddings.onnx_cache_dir)})
