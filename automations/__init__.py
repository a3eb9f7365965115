"""Playwright automations, the fill runner and the `plaint` command line."""
