"""The command line, driven in-process with real components and a real DuckDB file."""

import json
from pathlib import Path

from typer.testing import CliRunner

from whimbrel.cli import app

runner = CliRunner()
SEED = str(Path(__file__).parents[1] / "examples" / "000_06e9c24ce2b7baa8.txt")


def test_help_explains_each_command_with_an_example():
    for command in ("code", "ingest", "events", "explain", "actors"):
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0
        assert "Example" in result.output


def test_code_prints_jsonl_events_with_the_documented_keys():
    result = runner.invoke(app, ["code", SEED, "--date", "2024-11-10", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert lines
    keys = {"doc_id", "type", "mode", "cameo", "intensity", "source", "target", "certainty", "date",
            "attribution", "sentence", "start", "end"}
    for event in lines:
        assert keys <= event.keys()
        assert {"text", "name", "id", "country", "sector"} <= event["source"].keys()
        assert isinstance(event["cameo"], str) and event["type"].isupper()


def test_code_reads_stdin():
    result = runner.invoke(app, ["code", "-", "--date", "2024-03-01", "--format", "json"],
                           input="Russian troops attacked Ukrainian positions near Bakhmut.")
    assert result.exit_code == 0, result.output
    assert isinstance(json.loads(result.stdout), list)


def test_bad_date_is_a_clear_error():
    result = runner.invoke(app, ["code", SEED, "--date", "10/11/2024"])
    assert result.exit_code != 0
    assert "E004" in result.output


def test_ingest_reports_every_files_fate_and_is_idempotent(tmp_path):
    news = tmp_path / "news"
    news.mkdir()
    (news / "a.txt").write_text("Iran accused Israel of attacking its embassy in Damascus.", encoding="utf-8")
    (news / "empty.txt").write_bytes(b"")
    (news / "bad.jsonl").write_text('{"id": "j1", "text": "NATO condemned Russia."}\nnot json\n', encoding="utf-8")
    db = tmp_path / "w.duckdb"
    first = runner.invoke(app, ["ingest", str(news), "--db", str(db), "--date", "2024-04-02"])
    assert first.exit_code == 0, first.output
    assert "empty.txt" in first.output and "W101" in first.output
    assert "bad.jsonl:2" in first.output and "W104" in first.output
    second = runner.invoke(app, ["ingest", str(news), "--db", str(db)])
    assert second.exit_code == 0, second.output
    assert "already stored" in second.output
    query = runner.invoke(app, ["events", "--db", str(db), "--format", "json"])
    assert query.exit_code == 0, query.output
    events = json.loads(query.stdout)
    assert len({e["event_id"] for e in events}) == len(events)


def test_events_on_a_missing_store_is_a_clear_error(tmp_path):
    result = runner.invoke(app, ["events", "--db", str(tmp_path / "nope.duckdb")])
    assert result.exit_code == 1
    assert "E003" in result.output


def test_explain_shows_why_an_event_exists(tmp_path):
    db = tmp_path / "seed.duckdb"
    assert runner.invoke(app, ["ingest", SEED, "--db", str(db), "--date", "2024-11-10"]).exit_code == 0
    events = json.loads(runner.invoke(app, ["events", "--db", str(db), "--format", "json"]).stdout)
    assert events
    result = runner.invoke(app, ["explain", events[0]["event_id"], "--db", str(db)])
    assert result.exit_code == 0, result.output
    for word in ("evidence:", "source:", "pattern:", "certainty:", "date:", "confidence:", "document:"):
        assert word in result.output
    assert events[0]["trigger"] in result.output
    missing = runner.invoke(app, ["explain", "nope", "--db", str(db)])
    assert missing.exit_code == 1 and "E010" in missing.output


def test_ingest_remembers_the_users_knowledge_files(tmp_path):
    actors = tmp_path / "actors.yaml"
    actors.write_text("actors:\n  - {id: RUR, name: Ruritania, kind: country, aliases: [Ruritania]}\n", encoding="utf-8")
    doc = tmp_path / "a.txt"
    doc.write_text("Ruritania accused France of spying.", encoding="utf-8")
    later = tmp_path / "b.txt"
    later.write_text("France accused Ruritania of smuggling.", encoding="utf-8")
    db = str(tmp_path / "w.duckdb")
    assert runner.invoke(app, ["ingest", str(doc), "--db", db, "--actors", str(actors)]).exit_code == 0
    assert runner.invoke(app, ["ingest", str(later), "--db", db]).exit_code == 0  # no --actors this time
    events = json.loads(runner.invoke(app, ["events", "--db", db, "--actor", "RUR", "--format", "json"]).stdout)
    assert {e["source"]["id"] for e in events} == {"RUR", "FRA"}


def test_table_cells_are_data_not_markup(capsys):
    from whimbrel.cli import _print_events

    event = {"date": None, "source": {"text": "gunmen", "name": None, "country": None, "sector": "militia"},
             "type": "ASSAULT", "cameo": "190", "target": None, "certainty": "asserted", "attribution": None,
             "trigger": "[shot]"}
    _print_events([event], "table")
    shown = capsys.readouterr().out
    assert "[militia]" in shown and "[shot]" in shown


def test_actors_shows_who_a_title_is_on_a_date_and_uses_the_users_file(tmp_path):
    text = "The German chancellor met Ada Quill, the Freedonian envoy."
    result = runner.invoke(app, ["actors", text, "--date", "2024-12-10", "-f", "jsonl"])
    assert result.exit_code == 0, result.output
    found = {a["text"]: a for a in map(json.loads, result.stdout.splitlines())}
    assert found["The German chancellor"]["name"] == "Olaf Scholz"
    assert found["The German chancellor"]["resolved_by"] == "title"
    mine = tmp_path / "mine.csv"
    mine.write_text("id,name,kind,country,sector,aliases\nada_quill,Ada Quill,person,FRE,government,Quill\n")
    result = runner.invoke(app, ["actors", text, "--date", "2024-12-10", "--actors", str(mine)])
    assert result.exit_code == 0, result.output
    assert "ada_quill" in result.stdout and "user" in result.stdout
