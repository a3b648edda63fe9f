"""Published rectification reports: reading them into checked data."""
