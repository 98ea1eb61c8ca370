"""luoshi (落实): turn Chinese government work reports into trustworthy data, and check what was delivered."""

__version__ = "0.1.0"

from .api import open as open  # luoshi.open(db) -> Corpus, see luoshi.corpus
from .models import Document, Fact, Meta, Quality, Report, Section, Sentence
from .pipeline import process

__all__ = ["Document", "Fact", "Meta", "Quality", "Report", "Section", "Sentence", "__version__", "open", "process"]
