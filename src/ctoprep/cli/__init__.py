"""The command line: argument parsing, output and exit codes. Opens the app only when asked to."""
