"""Real-browser tests (marker ``browser``): Playwright driving Debian's Chromium."""
