"""Entities: see component.py."""
