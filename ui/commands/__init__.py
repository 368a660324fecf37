"""The window's command groups, each given a small Protocol of the window; the menu table;
navigation from a rule's name to what it names on screen."""
