"""An independent reference for force-model.md Part II (scenario@2), written from the spec.

It imports nothing from ``planner/``: it exists to judge the project's
implementation. See ``README.md`` beside this file.
"""
