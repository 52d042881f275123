"""The pattern packs and lexicons: data, shipped in the package as ``redactor.patterns`` (see README.md)."""
