"""Sample court filings with planted sensitive values and truth files (see samples/README.md)."""
