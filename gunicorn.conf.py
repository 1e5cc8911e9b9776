"""gunicorn settings of Sasaran, used by ``./sasaran serve`` and the Docker image.

Workers by cores (``SASARAN_WORKERS``, 0 = one per core, at least two), each with
``SASARAN_THREADS`` threads (gthread) and its own database pool; background jobs keep their
progress in the database (spatial.jobs), so any worker answers a poll.
"""
import multiprocessing
import os
import secrets

from spatial.settings import current

# One session key for every worker: without SASARAN_SECRET_KEY each worker would draw its own, and
# a sign-in answered by one worker would be refused (CSRF, 400) by the next. Random per start.
os.environ.setdefault("SASARAN_SECRET_KEY", secrets.token_hex(32))
_settings = current()
wsgi_app = "webgis:create_app()"
bind = f"{_settings.host}:{_settings.port}"
workers = _settings.web_workers or max(2, multiprocessing.cpu_count())
threads = _settings.web_threads
worker_class = "gthread"
timeout = 120          # a request that takes longer is cut off (exports stream, imports run as jobs)
graceful_timeout = 30
accesslog = "-"
errorlog = "-"
control_socket_disable = True  # no shared ~/.gunicorn socket: several servers may run on one machine
