"""The web UI's static files (``static/``: the page script and the stylesheet)."""
