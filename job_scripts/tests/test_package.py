"""Each shipped package stands alone, as it must in the `--extra-py-files` zip on Glue.

Both ship through `pythonLibraries` as one zip, but glue_runtime serves jobs of any data and
legislators holds one example's transforms, so each must import with nothing but the standard
library, pyspark and py4j beside it.
"""
import ast
import subprocess
import sys
import zipfile

import pytest

from conftest import JOB_SCRIPTS_DIR

SHIPPED_PACKAGES = ("glue_runtime", "legislators")
# What Glue 5.1's Python has besides the standard library, and all a package may import.
ALLOWED_TOP_LEVEL = {"pyspark", "py4j"}


def package_modules(package):
    return sorted((JOB_SCRIPTS_DIR / package).glob("*.py"))


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


@pytest.mark.parametrize("package", SHIPPED_PACKAGES)
def test_modules_import_only_the_standard_library_pyspark_and_py4j_at_module_level(package):
    assert package_modules(package), f"{package} has no modules"
    for module in package_modules(package):
        outside = module_level_imports(module) - ALLOWED_TOP_LEVEL - set(sys.stdlib_module_names)
        assert not outside, f"{package}/{module.name} imports {outside}; the Glue zip carries only the shipped packages"


@pytest.mark.parametrize("package", SHIPPED_PACKAGES)
def test_every_module_imports_from_a_zip_of_its_package_alone(package, tmp_path):
    # The stack zips each package as <package>/<module>.py; import it with nothing else on the path.
    archive = tmp_path / "python-libraries.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for module in package_modules(package):
            zipped.write(module, f"{package}/{module.name}")
    modules = ", ".join(f"{package}.{module.stem}" for module in package_modules(package) if module.stem != "__init__")
    code = f"import sys; sys.path.insert(0, {str(archive)!r}); import {modules}; print({package}.__file__)"

    result = subprocess.run([sys.executable, "-I", "-c", code], capture_output=True, text=True, cwd=tmp_path, timeout=120)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"{archive}/{package}/__init__.py"


def test_the_runtime_knows_no_job_package():
    # A sales job ships glue_runtime without legislators; the runtime must not reach for it.
    job_packages = set(SHIPPED_PACKAGES) - {"glue_runtime"}
    for module in package_modules("glue_runtime"):
        assert not module_level_imports(module) & job_packages, f"glue_runtime/{module.name} imports a job's package"
