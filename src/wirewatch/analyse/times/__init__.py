"""Times: see component.py."""
