"""thaiplan: Thai planning and monitoring documents to structured JSON.

>>> from thaiplan import extract
>>> doc = extract("corpora/seeds/000_7e9c5d1949af814c.txt")   # doctest: +SKIP
>>> len(doc.projects)                                          # doctest: +SKIP
24
"""

from .errors import InputError
from .model import Document
from .pipeline import extract

__version__ = "0.1.0"

__all__ = ["extract", "Document", "InputError", "__version__"]
