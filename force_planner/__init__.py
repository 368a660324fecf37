"""The entry point above `planner/` (the core) and `ui/` (the desktop app): see launcher."""
