"""Settings read from environment variables, with defaults for a local install."""
import os

DEFAULT_DATABASE_URL = "postgresql://sasaran@127.0.0.1:54329/sasaran"


def database_url() -> str:
    """The PostgreSQL/PostGIS connection URL (``DATABASE_URL``)."""
    return os.environ.get("DATABASE_URL", DEFAULT_DATABASE_URL)


def sample_households() -> int:
    """How many synthetic households the bundled sample has (``SASARAN_SAMPLE_HOUSEHOLDS``)."""
    return int(os.environ.get("SASARAN_SAMPLE_HOUSEHOLDS", "85000"))


def sample_seed() -> int:
    """Seed of the bundled synthetic sample (``SASARAN_SAMPLE_SEED``)."""
    return int(os.environ.get("SASARAN_SAMPLE_SEED", "42"))
