"""Where ctoprep keeps things: data paths, the local store, atomic writes, packets."""
