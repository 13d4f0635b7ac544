"""The public Python API, as a notebook would use it."""

from pathlib import Path

import whimbrel

SEED = Path(__file__).parents[1] / "examples" / "000_06e9c24ce2b7baa8.txt"


def test_code_a_text_returns_event_records():
    events = whimbrel.code("Russian forces shelled Kharkiv on Monday.", date="2024-05-15")
    assert events and all(isinstance(e, whimbrel.Event) for e in events)
    assert events[0].source.country == "RUS"


def test_code_paths_then_store_and_query_as_dataframe_and_arrow(tmp_path):
    with whimbrel.Store(tmp_path / "w.duckdb") as store:
        for coded in whimbrel.code_paths([SEED], date="2024-11-10"):
            assert isinstance(coded, whimbrel.Coded)
            assert store.write(coded)
        df = store.events_df(actor="PRK")
        table = store.events_arrow(actor="PRK")
    assert len(df) == table.num_rows > 0
    assert {"type", "source_country", "target_country", "certainty", "date"} <= set(df.columns)


def test_the_pipeline_is_loaded_once_per_argument_set():
    assert whimbrel.nlp() is whimbrel.nlp()


def test_user_pattern_file_is_used(tmp_path):
    patterns = tmp_path / "patterns.yaml"
    patterns.write_text("- {lemma: serenade, cameo: '043'}\n", encoding="utf-8")
    events = whimbrel.code("France serenaded Germany.", date="2024-01-01", pattern_files=[patterns])
    assert [(e.type, e.cameo) for e in events] == [("CONSULT", "043")]
