"""The agency server: a versioned JSON API and server-rendered pages over one workspace.

``create_app(settings)`` builds the FastAPI application; ``armstrace serve`` runs it with Uvicorn.
"""

from .app import API_VERSION, create_app

__all__ = ["API_VERSION", "create_app"]
