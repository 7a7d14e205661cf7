"""Builds the rashomon package: CMake (the parent folder, with
RASHOMON_BUILD_PYTHON=ON) compiles rashomon._rashomon from the project's
libraries; setuptools installs it with the pure-Python files.

    pip install --no-build-isolation --no-index ./python

needs no network: Debian's pybind11-dev, python3-dev, numpy and the
libraries of scripts/install-deps.sh. RASHOMON_CMAKE_BUILD names the CMake
build folder (default: python/build-cmake), RASHOMON_JOBS the parallel jobs.
"""

import os
import shutil
import subprocess
import sys

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


class CMakeBuild(build_ext):
    def build_extension(self, ext):
        build = os.environ.get("RASHOMON_CMAKE_BUILD", os.path.join(HERE, "build-cmake"))
        jobs = os.environ.get("RASHOMON_JOBS", "2")
        subprocess.check_call([
            "cmake", "-S", ROOT, "-B", build, "-DCMAKE_BUILD_TYPE=Release",
            "-DRASHOMON_BUILD_PYTHON=ON", "-DRASHOMON_BUILD_TESTS=OFF",
            "-DRASHOMON_BUILD_BENCHMARKS=OFF", "-DRASHOMON_BUILD_FUZZERS=OFF",
            f"-DPython_EXECUTABLE={sys.executable}",
        ])
        subprocess.check_call(["cmake", "--build", build, "-j", jobs, "--target", "_rashomon"])
        built = os.path.join(build, "python", "rashomon", os.path.basename(self.get_ext_filename(ext.name)))
        target = self.get_ext_fullpath(ext.name)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copyfile(built, target)


setup(
    name="rashomon",
    version="0.1.0",
    description="Multi-source news analysis: near-duplicates, stories, conflicting claims",
    packages=["rashomon"],
    ext_modules=[Extension("rashomon._rashomon", sources=[])],
    cmdclass={"build_ext": CMakeBuild},
    python_requires=">=3.9",
    install_requires=["numpy"],
    extras_require={"dask": ["dask", "distributed"]},
    zip_safe=False,
)
