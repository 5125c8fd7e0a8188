"""prescan: a pre-deployment patch scanner."""
__version__ = "0.1.0"
