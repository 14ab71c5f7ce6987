"""Pure domain: documents, canonical text, spans. Standard library only (plus charset-normalizer)."""
