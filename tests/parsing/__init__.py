"""Tests of the wire-story parser; plain functions, no database."""
