"""WSGI entry point: `flask --app app ...` and production servers load `app:app`."""

from meetings import create_app

app = create_app()
