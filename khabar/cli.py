"""The ``khabar`` console script: Django management with Khabar's settings.

``khabar migrate``, ``khabar createsuperuser``, ``khabar serve`` … are all
management commands; this entry point only fixes the settings module.
"""

import os
import sys


def main(argv=None):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "khabar.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["khabar", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
