"""Vocabularies as data files (actors, weapons, targets, cues, quantities) and their loader."""

from harmtrack.vocab.loader import Vocabulary, load_vocabulary, vocab_version

__all__ = ["Vocabulary", "load_vocabulary", "vocab_version"]
