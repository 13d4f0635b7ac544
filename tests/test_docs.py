"""The README cannot drift: its set-up commands are the ones CI runs, and its tables are current."""

import re
from pathlib import Path

ROOT = Path(__file__).parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def readme_setup_commands() -> list[str]:
    block = re.search(r"<!-- setup:start -->\s*```(?:bash|sh)?\n(.*?)```", README, re.S)
    assert block, "README needs its set-up block between setup markers"
    return [line for line in block.group(1).splitlines() if line.strip() and not line.startswith("#")]


def test_ci_runs_exactly_the_readme_commands():
    ci = [
        line
        for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith(("#", "set ", "cd ", "rm "))
    ]
    assert ci == readme_setup_commands()


def test_every_cli_command_is_in_the_readme():
    from whimbrel.cli import app

    for command in app.registered_commands:
        name = command.name or command.callback.__name__
        assert f"whimbrel {name}" in README, name


def test_every_data_file_has_a_source_and_licence():
    data = ROOT / "src" / "whimbrel" / "data"
    licences = (ROOT / "DATA-LICENSES.md").read_text(encoding="utf-8")
    for path in data.rglob("*"):
        if path.is_file() and path.suffix in {".yaml", ".yml", ".csv", ".tsv", ".json", ".txt"}:
            assert f"`{path.relative_to(data).as_posix()}`" in licences, f"{path} is not in DATA-LICENSES.md"


def test_the_readme_knowledge_examples_work(tmp_path):
    import whimbrel

    section = README.split("<!-- knowledge:start -->")[1].split("<!-- knowledge:end -->")[0]
    actors, patterns = re.findall(r"```yaml\n(.*?)```", section, re.S)
    (tmp_path / "actors.yaml").write_text(actors, encoding="utf-8")
    (tmp_path / "patterns.yaml").write_text(patterns, encoding="utf-8")
    events = whimbrel.code(
        "Governor Doe serenaded the Lake Front Militia on Monday.",
        date="2024-06-05",
        actor_files=[tmp_path / "actors.yaml"],
        pattern_files=[tmp_path / "patterns.yaml"],
    )
    assert [(e.type, e.source.id, e.target.id) for e in events] == [("CONSULT", "jane_doe", "LAKE_FRONT")]
