"""redactor: find, remove and prove the removal of what must not reach the public record."""

import sys

__version__ = "0.1.0"

# PyMuPDF 2.0 imports its optional layout-analysis add-on (and with it onnxruntime)
# and its Markdown add-on whenever they are installed, which costs over half a second
# at every start. redactor reads text geometry itself and never uses either, so both
# are kept out.
sys.modules.setdefault("pymupdf.layout", None)  # type: ignore[arg-type]
sys.modules.setdefault("pymupdf4llm", None)  # type: ignore[arg-type]
