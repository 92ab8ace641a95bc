"""gunicorn for one Dure app server: `gunicorn -c deploy/gunicorn.conf.py config.wsgi`.

The app server keeps nothing of its own: sessions, uploads' records and queued jobs are in the
database (uploaded files in DURE_DATA_DIR/media on shared storage), so any number of these run
behind the proxy."""

import multiprocessing
import os

bind = os.environ.get("DURE_BIND", "127.0.0.1:8000")
# Report pages compute in Python; two workers per core keep a core busy while one waits on the
# database.
workers = int(os.environ.get("DURE_WORKERS", multiprocessing.cpu_count() * 2))
threads = 1
timeout = 60
graceful_timeout = 30
max_requests = 2000
max_requests_jitter = 200
forwarded_allow_ips = os.environ.get("DURE_PROXY_IPS", "127.0.0.1")
accesslog = "-"
errorlog = "-"
