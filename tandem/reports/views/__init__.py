"""Report pages: the program dashboard, its CSV downloads and exports, the pulse answer page and
each person's own progress."""
