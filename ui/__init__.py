"""The app's UI helpers: translations, cached data loading, formatting, URL state.

Only the app (``app.py`` and ``views/``) imports this package; ``routes/`` never does.
"""
