"""The ``rusus-desktop`` command line. Sub-commands are modules in this package; each exposes
``HELP``, ``add_arguments(parser)`` and ``run(args) -> int``. Only ``screenshot`` (and running with
no sub-command) touches Qt, and it imports the ``ui`` package lazily."""
