"""Compressed responses (zstd/brotli/gzip, as the browser accepts): the province's village and
kecamatan outlines and indicator JSON of the map page shrink ~5x over a district office's link.
Streamed responses (exports) are left alone so they stay streamed, never buffered in memory."""
from flask_compress import Compress

MIMETYPES = ["text/html", "text/css", "text/plain", "text/javascript", "application/javascript",
             "application/json", "application/geo+json", "image/svg+xml"]


def init_app(app) -> None:
    """Compress non-streamed text/JSON responses larger than 1 kB."""
    app.config.setdefault("COMPRESS_MIMETYPES", MIMETYPES)
    app.config.setdefault("COMPRESS_STREAMS", False)
    app.config.setdefault("COMPRESS_MIN_SIZE", 1024)
    app.config.setdefault("COMPRESS_ALGORITHM", ["br", "gzip"])
    Compress(app)
