"""The actor knowledge base: dated roles, the compiled cache, and user actor files."""

import spacy

import whimbrel.factories  # noqa: F401  (registers the factories)
from whimbrel.actors.kb import DATA_DIR, load_kb
from whimbrel.pipeline import make_doc, pick_model
from whimbrel.records import SECTORS, Document


def test_roles_are_dated():
    kb = load_kb()
    roles = kb.roles_of("donald_trump")
    assert [r.title for r in roles if r.title] == ["president-elect", "president", "president-elect", "president"]
    assert kb.role_at("donald_trump", "2024-11-10").title == "president-elect"
    assert kb.role_at("donald_trump", "2025-02-01").title == "president"
    assert kb.holders("chancellor", "DEU", "2024-12-10") == ["olaf_scholz"]
    assert kb.holders("chancellor", "DEU", "2025-12-10") == ["friedrich_merz"]
    assert kb.roles_of("no_such_actor") == []


def test_every_sector_is_in_the_vocabulary():
    kb = load_kb()
    assert all(r.sector is None or r.sector in SECTORS for refs in kb.aliases.values() for r in refs)
    assert all(e.sector is None or e.sector in SECTORS for e in kb.entities.values())


def test_g20_and_p5_have_a_leader_in_late_2026():
    kb = load_kb()
    for country in ("ARG", "AUS", "BRA", "CAN", "CHN", "FRA", "DEU", "IND", "IDN", "ITA", "JPN", "KOR",
                    "MEX", "RUS", "SAU", "ZAF", "TUR", "GBR", "USA", "UKR", "ISR", "IRN", "PRK"):
        assert kb.holders("leader", country, "2026-11-01"), country


def test_countries_at_war_have_a_leader_in_late_2026():
    kb = load_kb()
    for country in ("IRQ", "LBY", "SOM", "MLI", "BFA", "NER", "MOZ", "HTI", "SSD", "THA", "KHM", "COL", "SYR",
                    "YEM", "SDN", "ETH", "MMR", "AFG", "ARM", "AZE", "COD", "RWA", "PAK", "LBN", "PSE", "POL"):
        assert kb.holders("leader", country, "2026-11-01"), country


def test_user_yaml_file_wins(tmp_path):
    f = tmp_path / "mine.yaml"
    f.write_text("actors:\n  - {id: zed_zulu, name: Zed Zulu, kind: person, aliases: [Putin],"
                 " roles: [{country: FRA, sector: media}]}\n", encoding="utf-8")
    kb = load_kb([f])
    assert [r.entity for r in kb.lookup(("putin",))] == ["zed_zulu"]


def test_user_files_are_used_by_the_pipeline(tmp_path):
    csv = tmp_path / "mine.csv"
    csv.write_text("# my actors\nid,name,kind,country,sector,aliases,title,start,end\n"
                   "ACME,Acme Brigade,group,MLI,militia,Acme Brigade|ACME,,,\n", encoding="utf-8")
    nlp = spacy.load(pick_model())
    nlp.add_pipe("whimbrel_actors", config={"actor_files": [str(csv), str(DATA_DIR / "user_actors.example.yaml")]})
    doc = nlp(make_doc(nlp, Document(id="u", text="The Acme Brigade attacked the Lake Front militia.", date="2024-01-01")))
    by_id = {m.id: m for m in doc._.actors}
    assert by_id["ACME"].country == "MLI" and by_id["ACME"].resolved_by == "user"
    assert by_id["LAKE_FRONT"].sector == "militia"


def test_component_works_in_a_plain_spacy_pipeline():
    nlp = spacy.load(pick_model())
    nlp.add_pipe("whimbrel_actors")
    doc = nlp("Russian forces shelled Kharkiv.")
    assert doc._.actors[0].country == "RUS" and doc._.actors[0].sector == "military"


def test_users_can_add_ethnic_groups(tmp_path):
    f = tmp_path / "groups.yaml"
    f.write_text("ethnic_groups:\n  NGA: [Tiv]\n", encoding="utf-8")
    kb = load_kb([f])
    assert "tiv" in kb.ethnic and "yoruba" in kb.ethnic
    assert [(r.type, r.entity) for r in kb.lookup(("tiv",))] == [("demonym", "NGA")]
    assert [r.entity for r in kb.lookup(("kurds",))][0] == "IRQ"  # main home first, as the file lists them


def test_foreign_and_defence_ministers_on_a_known_date():
    # (foreign minister, defence minister) on 2024-06-01; the US posts are keyed the same way
    expected = {
        "ARG": ("diana_mondino", "luis_petri"), "AUS": ("penny_wong", "richard_marles"),
        "BRA": ("mauro_luiz_iecker_vieira", "jose_mucio_monteiro"), "CAN": ("melanie_joly", "bill_blair"),
        "CHN": ("wang_yi", "dong_jun"), "FRA": ("stephane_sejourne", "sebastien_lecornu"),
        "DEU": ("annalena_baerbock", "boris_pistorius"), "IND": ("subrahmanyam_jaishankar", "rajnath_singh"),
        "IDN": ("retno_marsudi", "prabowo_subianto"), "ITA": ("antonio_tajani", "guido_crosetto"),
        "JPN": ("yoko_kamikawa", "minoru_kihara"), "MEX": ("alicia_barcena", "luis_cresencio_sandoval"),
        "RUS": ("sergei_lavrov", "andrei_belousov"), "SAU": ("faisal_bin_farhan", "khalid_bin_salman"),
        "ZAF": ("naledi_pandor", "thandi_modise"), "KOR": ("cho_tae_yul", "shin_won_sik"),
        "TUR": ("hakan_fidan", "yasar_guler"), "GBR": ("david_cameron", "grant_shapps"),
        "USA": ("antony_blinken", "lloyd_austin"), "UKR": ("dmytro_kuleba", "rustem_umerov"),
        "ISR": ("israel_katz", "yoav_gallant"), "IRN": ("ali_bagheri_kani", "mohammad_reza_ashtiani"),
    }
    kb = load_kb()
    for country, (foreign, defence) in expected.items():
        assert kb.holders("foreign minister", country, "2024-06-01") == [foreign], country
        assert kb.holders("defence minister", country, "2024-06-01") == [defence], country


def test_a_phoenix_twin_is_taken_into_the_curated_person():
    kb = load_kb()
    assert kb.get("sergey_lavrov") is None  # Phoenix's spelling of the same man
    assert {r.entity for r in kb.lookup(("sergey", "lavrov"))} == {"sergei_lavrov"}


def test_roles_from_several_curated_files_add_up(tmp_path):
    """A curated file's roles replace Phoenix's from their start on, but another curated file's
    roles for the same person (his earlier term, his years in opposition) add to them."""
    from whimbrel.actors.kb import _compile

    phoenix = tmp_path / "phoenix_actors.yaml"  # a fallback file, by its name
    phoenix.write_text("actors:\n- {id: ann_doe, name: Ann Doe, kind: person, roles: [{country: FRA, sector: other}]}\n")
    early = tmp_path / "early.yaml"
    early.write_text("actors:\n- {id: ann_doe, roles: [{country: FRA, sector: government, title: president, "
                     "start: 1990-01-01, end: 1995-01-01}]}\n")
    late = tmp_path / "late.yaml"
    late.write_text("actors:\n- {id: ann_doe, roles: [{country: FRA, sector: opposition, start: 1996-01-01}]}\n")
    kb = _compile([(phoenix, False), (early, False), (late, False)])
    assert [(r.sector, r.start) for r in kb.roles_of("ann_doe")] == [("government", "1990-01-01"),
                                                                      ("opposition", "1996-01-01")]
