"""The public API is what ``storylens.__all__`` lists, and every listed name exists."""

import storylens


def test_exported_members_exist() -> None:
    for name in storylens.__all__:
        assert hasattr(storylens, name), name


def test_exported_members_unique() -> None:
    assert len(set(storylens.__all__)) == len(storylens.__all__)


def test_exported_members_cover_public_modules_types() -> None:
    # every public record and error class is reachable from the top-level package
    from storylens import errors, types

    for module in (errors, types):
        for name, obj in vars(module).items():
            if (
                isinstance(obj, type)
                and obj.__module__ == module.__name__
                and not name.startswith("_")
            ):
                assert name in storylens.__all__, f"{module.__name__}.{name} is not exported"


def test_exported_members_no_name_is_both_a_function_and_a_package() -> None:
    import importlib
    import pkgutil

    # every public function keeps its name after every internal module has been imported
    for info in pkgutil.walk_packages(storylens.__path__, "storylens."):
        if not info.name.endswith(("__main__", ".warm")):
            importlib.import_module(info.name)
    packages = {m.name for m in pkgutil.iter_modules(storylens.__path__)}
    assert not packages & set(storylens.__all__)
    assert callable(storylens.compare) and storylens.compare.__name__ == "compare"
    assert callable(storylens.ingest) and storylens.ingest.__name__ == "ingest"
