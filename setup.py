# scrapyd-deploy builds its egg with `python setup.py bdist_egg`; the project itself is
# described in pyproject.toml.
from setuptools import setup

setup()
