"""Only the compiled extensions (and shipping rules/ inside the package) live
here; metadata is in pyproject.toml."""
import shutil
from pathlib import Path

from Cython.Build import cythonize
from setuptools import Extension, setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).parent


class BuildWithRules(build_py):
    """Copies the rule pack (rules/<language>/*.yml and fixtures) into the
    package as prescan/_rules so an installed prescan carries its rules."""

    def run(self):
        super().run()
        target = Path(self.build_lib) / "prescan" / "_rules"
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(HERE / "rules", target)


extensions = [
    Extension("prescan._native._lineindex", ["native/_lineindex.pyx"]),
]

setup(
    ext_modules=cythonize(
        extensions,
        compiler_directives={"language_level": "3", "boundscheck": False, "wraparound": False},
    ),
    cmdclass={"build_py": BuildWithRules},
)
