"""HTTP layer of the OKR service: FastAPI app, /v1 routers, schemas, dependencies and the CLI."""
