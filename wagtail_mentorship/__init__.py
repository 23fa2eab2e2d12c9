"""Run and publish a school's target mentorship model in Wagtail."""

__version__ = "0.1.0"
