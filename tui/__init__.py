"""An accessible terminal guide to muscle spasms."""

__version__ = "0.1.0"
