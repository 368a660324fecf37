"""Views and charts: the pyqtgraph set-up, the live charts, the map, the compare dialog, the
explanation, one view per analysis (``ui.views.analyses``)."""
