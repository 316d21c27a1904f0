"""Generators and checks run by the Makefile: ``python -m tools.<name>`` from the repository root."""
