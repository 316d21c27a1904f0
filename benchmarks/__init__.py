"""Speed and size benchmarks: ``python -m benchmarks.run`` from the repository root (``make bench``)."""
