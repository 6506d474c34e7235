"""``python -m storylens``."""

from storylens._main import main

main()
