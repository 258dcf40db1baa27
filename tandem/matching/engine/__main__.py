import os
import sys

from tandem.matching.engine.blas import one_blas_thread

# Before numpy loads: a solve does no matrix products, and OpenBLAS starting a thread per core
# at import cost about 0.05 s of CPU, an eighth of a 250,000-edge stable solve
# (bench/solver_load.py). The package's __init__ imports nothing, so this comes first.
one_blas_thread()

from tandem.matching.engine.cli import main  # noqa: E402 - after the thread count is set

code = main()
# The answer is written: end without the interpreter's teardown, which frees every module
# numpy and msgspec loaded one by one (about 0.05–0.1 s, a tenth of a 250,000-edge solve).
sys.stdout.flush()
sys.stderr.flush()
os._exit(code)
