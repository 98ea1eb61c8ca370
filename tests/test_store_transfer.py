"""A worker's result read back in the main process (pickled with the report's facts and sentences as tuples,
luoshi.store.transfer) equals the result sent, on the seed reports; a fact carrying an attribute beyond its fields
travels whole."""

from __future__ import annotations

import pickle

from luoshi.ingest import read_paths
from luoshi.models import Document
from luoshi.store.ingest import Processed, process_for_store


def test_a_processed_report_reads_back_equal(corpus):
    docs = [d for d in read_paths([str(corpus / "seeds")]) if isinstance(d, Document)]
    assert len(docs) >= 3
    for doc in docs:
        sent = process_for_store(doc)
        assert sent.report.facts and sent.report.sentences
        back = pickle.loads(pickle.dumps(sent, protocol=pickle.HIGHEST_PROTOCOL))
        assert isinstance(back, Processed)
        assert back == sent
        assert back.report.to_dict(with_text=True) == sent.report.to_dict(with_text=True)
        assert back.report.raw_text == sent.report.raw_text and back.report.sentences == sent.report.sentences


def test_a_fact_with_an_attribute_of_its_own_travels_whole(corpus):
    doc = next(d for d in read_paths([str(corpus / "seeds")]) if isinstance(d, Document))
    sent = process_for_store(doc)
    sent.report.facts[0].note = "kept"
    back = pickle.loads(pickle.dumps(sent))
    assert back == sent and back.report.facts[0].note == "kept"
