"""Interchange with other tools: CASE 1.1 frameworks in and out, GIFT / Aiken / CSV question banks.

Pure converters over plain data and the core models; no rich, no textual. The commands in
:mod:`ctoprep.cli.commands` read and write the files and show the reports.
"""
