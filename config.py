"""Configuration classes, read from the environment.

Every setting a deployment may change is an environment variable (see README).
Secrets may also come from a file named by `<NAME>_FILE` (Docker/Kubernetes secrets).
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent
INSTANCE_PATH = Path(os.environ.get("MEETINGS_INSTANCE_PATH", ROOT / "instance"))

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str | None = None) -> str | None:
    """A string from `NAME`, or from the file named by `NAME_FILE`."""
    file_name = os.environ.get(f"{name}_FILE")
    if file_name:
        return Path(file_name).read_text(encoding="utf-8").strip()
    value = os.environ.get(name)
    return value if value not in (None, "") else default


def env_bool(name: str, default: bool) -> bool:
    """A strict boolean: anything but the usual spellings is a configuration error."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ValueError(f"{name} must be true or false, not {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw in (None, ""):
        return default
    try:
        return int(raw)
    except ValueError:
        raise ValueError(f"{name} must be a whole number, not {raw!r}") from None


def database_url(url: str | None) -> str:
    """SQLAlchemy URL; plain `postgresql://` URLs use the psycopg 3 driver we install."""
    if not url:
        return f"sqlite:///{INSTANCE_PATH / 'meetings.sqlite3'}"
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def instance_secret(name: str) -> str:
    """A random secret kept in the instance folder, made on first use (development only)."""
    path = INSTANCE_PATH / name
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    INSTANCE_PATH.mkdir(parents=True, exist_ok=True)
    value = secrets.token_urlsafe(32)
    # Written with owner-only permissions: it signs sessions.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(value)
    return value


class Config:
    """Settings shared by every environment."""

    ENV_NAME = "base"
    DEBUG = False
    TESTING = False

    SQLALCHEMY_DATABASE_URI = database_url(env_str("DATABASE_URL"))
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}

    # Unset WHEREBY_API_URL means the embedded meetings service (see README).
    WHEREBY_API_URL = env_str("WHEREBY_API_URL")
    WHEREBY_API_KEY = env_str("WHEREBY_API_KEY")
    EMBEDDED_API_HOST = env_str("EMBEDDED_API_HOST", "127.0.0.1")
    EMBEDDED_API_PORT = env_int("EMBEDDED_API_PORT", 5001)
    WHEREBY_CONNECT_TIMEOUT = float(env_str("WHEREBY_CONNECT_TIMEOUT", "3.05") or 3.05)
    WHEREBY_READ_TIMEOUT = float(env_str("WHEREBY_READ_TIMEOUT", "10") or 10)

    PUBLIC_BASE_URL = env_str("PUBLIC_BASE_URL")  # for links printed at start-up
    EMBED_ALLOWED_ORIGINS = (env_str("EMBED_ALLOWED_ORIGINS", "") or "").split()
    REDIS_URL = env_str("REDIS_URL")
    # Reverse proxies in front of the app whose X-Forwarded-* headers we trust (0 = none).
    TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)

    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = env_str("SESSION_COOKIE_SAMESITE", "Lax")
    SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", False)
    # For intranets on another site: browsers that block third-party cookies in frames
    # still keep a partitioned one (see README, "Embedding in an intranet").
    SESSION_COOKIE_PARTITIONED = env_bool("SESSION_COOKIE_PARTITIONED", False)
    REMEMBER_COOKIE_HTTPONLY = True
    # A sign-in lasts this long at most, however active (see README, "Sessions and cookies").
    SESSION_MAX_AGE_DAYS = env_int("SESSION_MAX_AGE_DAYS", 14)
    WTF_CSRF_TIME_LIMIT = None  # tokens live as long as the session

    SECRET_KEY = env_str("SECRET_KEY")
    SECRET_KEY_FROM_INSTANCE = False


class DevelopmentConfig(Config):
    ENV_NAME = "development"
    DEBUG = env_bool("FLASK_DEBUG", False)
    # A missing SECRET_KEY is generated once into the instance folder (see create_app).
    SECRET_KEY_FROM_INSTANCE = True


class TestConfig(Config):
    ENV_NAME = "test"
    TESTING = True
    SECRET_KEY = "test-secret-key-not-for-production"  # noqa: S105
    SQLALCHEMY_DATABASE_URI = "sqlite://"
    WHEREBY_API_URL = None
    WHEREBY_API_KEY = None
    EMBED_ALLOWED_ORIGINS: list[str] = []
    REDIS_URL = None


class ProductionConfig(Config):
    ENV_NAME = "production"
    SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)
    REMEMBER_COOKIE_SECURE = SESSION_COOKIE_SECURE
    PREFERRED_URL_SCHEME = "https"

    @staticmethod
    def check(config: Mapping[str, Any]) -> None:
        """Refuse to start without the secrets production needs (`config`: the final one)."""
        if not config.get("SECRET_KEY"):
            raise RuntimeError("SECRET_KEY must be set in production (or SECRET_KEY_FILE).")
        if not config.get("WHEREBY_API_URL") or not config.get("WHEREBY_API_KEY"):
            # The embedded service is for trying the app out; production talks to Whereby.
            raise RuntimeError("WHEREBY_API_URL and WHEREBY_API_KEY must be set in production.")


CONFIGS: dict[str, type[Config]] = {
    "development": DevelopmentConfig,
    "test": TestConfig,
    "production": ProductionConfig,
}


def config_for(name: str | None = None) -> type[Config]:
    """The configuration class named by `name` or `MEETINGS_ENV` (default development)."""
    key = (name or os.environ.get("MEETINGS_ENV") or "development").lower()
    try:
        return CONFIGS[key]
    except KeyError:
        raise ValueError(f"MEETINGS_ENV must be one of {', '.join(CONFIGS)}, not {key!r}") from None
