"""The interactive API docs (Swagger UI at ``/docs``, ReDoc at ``/redoc``) served without a CDN.

FastAPI's own pages load their scripts and styles from a CDN, which leaves them blank where the
service runs without internet access. These pages are FastAPI's own HTML, pointed at the assets
that the pinned ``fastapi-offline`` package ships (Swagger UI's bundle and stylesheet, ReDoc's
standalone bundle, a favicon), served by the app itself under ``/docs/assets``. Nothing on the
pages reaches another host: no web fonts, no favicon from elsewhere, no online validator, and a
``Content-Security-Policy`` lets the pages load nothing but the service's own resources (ReDoc's
bundle always draws its vendor's logo from the vendor's site: under the policy the browser does
not even ask for it, and ReDoc leaves the image out).

Like FastAPI's pages, these routes are plain Starlette routes outside the OpenAPI document and
need no credential.
"""

from __future__ import annotations

import base64
import hashlib
import re
from importlib import resources
from pathlib import Path

from fastapi import FastAPI
from fastapi.openapi.docs import (
    get_redoc_html,
    get_swagger_ui_html,
    get_swagger_ui_oauth2_redirect_html,
)
from fastapi.staticfiles import StaticFiles
from starlette.requests import Request
from starlette.responses import HTMLResponse

DOCS_URL = "/docs"
REDOC_URL = "/redoc"
OAUTH2_REDIRECT_URL = "/docs/oauth2-redirect"
ASSETS_URL = "/docs/assets"

SWAGGER_UI_PARAMETERS = {"validatorUrl": None}
"""Swagger UI would otherwise send the document to an online validator for its badge."""


_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)


def content_security_policy(html: str) -> str:
    """The page may load scripts, styles, images, fonts and data only from the service itself.

    Its own inline scripts are allowed by their hash; styles may be inline (both UIs set them).
    """
    hashes = "".join(
        f" 'sha256-{base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()}'"
        for script in _INLINE_SCRIPT.findall(html)
    )
    return (
        "default-src 'none'; "
        f"script-src 'self'{hashes}; "
        "style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; "
        "font-src 'self' data:; "
        "connect-src 'self'; "
        "worker-src 'self' blob:; "
        "base-uri 'none'; "
        "form-action 'self'; "
        "frame-ancestors 'self'"
    )


def _confined(page: HTMLResponse) -> HTMLResponse:
    page.headers["Content-Security-Policy"] = content_security_policy(bytes(page.body).decode())
    return page


def assets_directory() -> Path:
    """The folder of the docs' scripts, stylesheet and favicon inside ``fastapi-offline``."""
    return Path(str(resources.files("fastapi_offline") / "static"))


def _root(request: Request) -> str:
    root: str = request.scope.get("root_path", "")
    return root.rstrip("/")


def install_docs(app: FastAPI) -> None:
    """Serve Swagger UI, its OAuth2 redirect page, ReDoc and their assets from the app itself.

    The app must be created with ``docs_url=None`` and ``redoc_url=None`` (no CDN pages).
    """
    openapi_url = app.openapi_url or "/openapi.json"
    app.mount(ASSETS_URL, StaticFiles(directory=assets_directory()), name="docs-assets")

    async def swagger_ui(request: Request) -> HTMLResponse:
        root = _root(request)
        return _confined(
            get_swagger_ui_html(
                openapi_url=root + openapi_url,
                title=f"{app.title} - Swagger UI",
                swagger_js_url=f"{root}{ASSETS_URL}/swagger-ui-bundle.js",
                swagger_css_url=f"{root}{ASSETS_URL}/swagger-ui.css",
                swagger_favicon_url=f"{root}{ASSETS_URL}/favicon.png",
                oauth2_redirect_url=root + OAUTH2_REDIRECT_URL,
                swagger_ui_parameters=SWAGGER_UI_PARAMETERS,
            )
        )

    async def oauth2_redirect(request: Request) -> HTMLResponse:
        return _confined(get_swagger_ui_oauth2_redirect_html())

    async def redoc(request: Request) -> HTMLResponse:
        root = _root(request)
        return _confined(
            get_redoc_html(
                openapi_url=root + openapi_url,
                title=f"{app.title} - ReDoc",
                redoc_js_url=f"{root}{ASSETS_URL}/redoc.standalone.js",
                redoc_favicon_url=f"{root}{ASSETS_URL}/favicon.png",
                with_google_fonts=False,
            )
        )

    app.add_route(DOCS_URL, swagger_ui, include_in_schema=False)
    app.add_route(OAUTH2_REDIRECT_URL, oauth2_redirect, include_in_schema=False)
    app.add_route(REDOC_URL, redoc, include_in_schema=False)
