"""The legislators package stands alone, as it must in the `--extra-py-files` zip on Glue."""
import ast
import subprocess
import sys
import zipfile

from conftest import JOB_SCRIPTS_DIR

PACKAGE_DIR = JOB_SCRIPTS_DIR / "legislators"
# What Glue 5.1's Python has besides the standard library, and all the package may import.
ALLOWED_TOP_LEVEL = {"pyspark", "py4j"}


def module_level_imports(path):
    """Top-level module names imported outside any function (relative imports excluded)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    functions = [node for node in ast.walk(tree) if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))]
    inside_functions = {id(node) for function in functions for node in ast.walk(function)}
    names = set()
    for node in ast.walk(tree):
        if id(node) in inside_functions:
            continue
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_modules_import_only_the_standard_library_pyspark_and_py4j_at_module_level():
    for module in PACKAGE_DIR.glob("*.py"):
        outside = module_level_imports(module) - ALLOWED_TOP_LEVEL - set(sys.stdlib_module_names)
        assert not outside, f"{module.name} imports {outside}; the Glue zip carries only this package"


def test_every_module_imports_from_a_zip_of_the_package_alone(tmp_path):
    # The stack zips the package as legislators/<module>.py; import it with nothing else on the path.
    archive = tmp_path / "python-libraries.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for module in sorted(PACKAGE_DIR.glob("*.py")):
            zipped.write(module, f"legislators/{module.name}")
    modules = ", ".join(f"legislators.{module.stem}" for module in PACKAGE_DIR.glob("*.py") if module.stem != "__init__")
    code = f"import sys; sys.path.insert(0, {str(archive)!r}); import {modules}; print(legislators.__file__)"

    result = subprocess.run([sys.executable, "-I", "-c", code], capture_output=True, text=True, cwd=tmp_path, timeout=120)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"{archive}/legislators/__init__.py"
