from config.web import web_process_ready

web_process_ready()  # before Django, and numpy with it, is imported

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()
