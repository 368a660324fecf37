"""The window's docks: the analyses and the workspace."""
