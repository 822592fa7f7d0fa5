"""ctoprep: self-assessment, PD planning and exam practice for K-12 technology leaders."""

__version__ = "0.1.0"
