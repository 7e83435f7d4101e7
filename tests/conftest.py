import sys
import pathlib

# Lets every suite import streamlab_testing without packaging the tests.
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
