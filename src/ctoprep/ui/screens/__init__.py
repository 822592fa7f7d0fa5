"""One screen per user task."""
