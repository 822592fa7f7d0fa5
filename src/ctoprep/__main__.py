from ctoprep.cli.main import run

run()
