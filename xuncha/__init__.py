"""Xuncha (巡察监督综合平台): inspection and rectification supervision."""

__version__ = "0.1.0"
