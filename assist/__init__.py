"""Assist 坐席助手: an offline side panel for call-centre agents at Chinese banks and insurers."""

__version__ = "0.1.0"
APP_NAME = "assist"
APP_AUTHOR = "assist"
