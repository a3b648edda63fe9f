"""Pages of supervision, one module per concept."""
