"""redactor: find, remove and prove the removal of what must not reach the public record."""

__version__ = "0.1.0"
