"""Ingest: readers (files, stdin, feeds) → prepare (decode, clean, metadata) → store (one transaction)."""
