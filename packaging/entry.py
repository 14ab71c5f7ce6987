"""PyInstaller's entry script for the built app: the same ``main()`` as the ``rusus-desktop`` command."""
import multiprocessing
import sys

from rusus_desktop.__main__ import main

if __name__ == "__main__":
    # joblib/multiprocessing are imported by underthesea; a frozen app must handle the child-process
    # re-launch itself, or a spawned worker would start a second copy of the app.
    multiprocessing.freeze_support()
    sys.exit(main())
