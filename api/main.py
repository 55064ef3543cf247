"""ASGI entry point: `uvicorn api.main:app`."""

import gc

from api.app import create_app

app = create_app()

# Everything built so far (modules, schemas, routes, the app) lives as long as the process: keep
# it out of the cyclic collector's full passes, which otherwise walk these ~150,000 objects and
# took 50-90 ms in the middle of a request every few 1,000-item batches.
gc.freeze()
