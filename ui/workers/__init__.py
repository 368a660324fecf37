"""Long work off the GUI thread: the one worker, the solve job, auto-optimise and autosave."""
