"""The scenario editors: Qt models over the document, the allocation grid, the target form,
delegates and spin boxes."""
