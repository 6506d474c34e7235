"""The public API is what ``storylens.__all__`` lists, and every listed name exists."""

import storylens


def test_exported_members_exist() -> None:
    for name in storylens.__all__:
        assert hasattr(storylens, name), name


def test_exported_members_sorted_and_unique() -> None:
    assert len(set(storylens.__all__)) == len(storylens.__all__)
    assert list(storylens.__all__) == sorted(storylens.__all__)
