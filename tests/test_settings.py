"""Settings: declared once, read from the environment, overridden by options."""

from __future__ import annotations

import pytest

from wirewatch.settings import Settings, describe


def test_defaults_then_environment_then_overrides() -> None:
    env = {"WIREWATCH_STORE": "/tmp/a.db", "WIREWATCH_BATCH_SIZE": "8", "WIREWATCH_PROGRESS": "no"}
    s = Settings.from_env(env)
    assert (s.store, s.batch_size, s.progress) == ("/tmp/a.db", 8, False)
    assert Settings.from_env(env, store="b.db", batch_size=None).store == "b.db"
    assert Settings.from_env({}) == Settings()


@pytest.mark.parametrize("name, raw", [("WIREWATCH_BATCH_SIZE", "many"), ("WIREWATCH_PROGRESS", "perhaps")])
def test_bad_values_name_the_variable(name: str, raw: str) -> None:
    with pytest.raises(ValueError, match=name):
        Settings.from_env({name: raw})


def test_languages_are_a_set_and_every_setting_is_described() -> None:
    assert Settings(languages="en, DE ,").language_set() == frozenset({"en", "de"})
    assert len(describe()) == len(Settings.__dataclass_fields__)
    assert all(help_text for _, _, help_text in describe())
