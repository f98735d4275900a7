"""Claim Tracker: follow claims of a reference article through the news."""

__version__ = "0.1.0"
