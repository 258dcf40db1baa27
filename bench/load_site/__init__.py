"""What bench/load.py serves and runs: the settings and the bare view gunicorn serves Tandem
with, the scratch database and the server's processes, who the simulated people are, and the
locust journey they follow."""
