"""The nightly CAL-ACCESS export: the registry of its 80 tables, and its download, cleaning and loading.

Submodules are imported where they are used, so that reading the registry does not load the rest.
"""
