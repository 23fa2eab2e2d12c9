"""Django's tasks framework where it lives: ``django.tasks`` from Django 6.0, the
``django-tasks`` backport (which Wagtail itself uses) on Django 5.2."""

try:
    from django.tasks import task, task_backends
except ImportError:  # Django 5.2
    from django_tasks import task, task_backends

__all__ = ["task", "task_backends"]
