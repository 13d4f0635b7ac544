"""PLOVER ontology data: the CAMEO bridge, scores and the generated data files."""

from whimbrel.events.ontology import PLOVER_TYPES, V05_TO_V2, cameo_class, code_info, plover, quad
from whimbrel.events.patterns import build_index


def test_sixteen_plover_types_with_quads_and_scores():
    types = plover()["types"]
    assert list(types) == list(PLOVER_TYPES)
    assert all(t["quad"] and t["score"] is not None for t in types.values())
    assert quad("ASSAULT") == "material conflict" and types["CONSULT"]["modes"]["visit"] == 4.0


def test_cameo_codes_map_to_plover_with_goldstein():
    aid = code_info("072")
    assert (aid.type, aid.context, aid.goldstein) == ("AID", "military", 8.3)
    assert code_info("0841").type == "RETREAT" and code_info("0841").mode == "release"
    assert code_info("1823").type == "ASSAULT"  # 4-digit codes fall back through the table


def test_statements_and_appeals_are_not_plover_events():
    assert code_info("010").type is None and code_info("020").type is None


def test_conflibert_classes_follow_cameo_roots():
    assert [cameo_class(c) for c in ("010", "036", "072", "111", "190", "163")] == [0, 1, 2, 3, 4, 3]


def test_v05_names():
    assert V05_TO_V2["DEMAND"] == "REQUEST" and V05_TO_V2["FIGHT"] == "ASSAULT"


def test_pattern_dictionary_loads_cameo_and_curated_patterns():
    index = build_index()
    sources = {p.source for p in index.verbs["send"]}
    assert {"whimbrel", "cameo"} <= sources
    assert sum(len(v) for v in index.verbs.values()) > 5000




def test_a_context_in_the_tables_mode_column_is_a_context():
    info = code_info("175")  # "175: ASSAULT, pro_autocracy, military" in PLOVER's CAMEO table
    assert info.type == "ASSAULT" and info.mode is None and "pro_autocracy" in info.context
