import sys
import pathlib

# Lets every suite import streamlab_testing without packaging the tests, and the product's Python
# packages in python/ (streamlab_check) as ./streamlab runs them.
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "python"))
