"""Force Planner's domain core: scenarios, validation, optimisation, analyses, reports.

Pure Python: nothing here imports Qt, so the command line, the brief and the
tests run where no display (or no PySide6) exists.
"""

__version__ = "0.1.0"
