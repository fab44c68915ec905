"""Sums the numbers given on the command line (the lesson's example program)."""
import sys

import numpy as np

print(np.sum([float(x) for x in sys.argv[1:]]))
