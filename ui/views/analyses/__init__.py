"""One view per analysis of issue 8, hosted as tabs of the analyses dock.

The contract every view keeps (see :class:`AnalysisView`): a `title`, a
`make_job(scenario)` that reads the view's own options and returns the
job the runner executes off the GUI thread, and `show_result(result)` that
displays what the job returned. The dock owns Run, Cancel and the progress
bar, so every analysis behaves the same.
"""
