"""The search index of the people an import saved, brought up to date by a task worker.

Wagtail indexes a saved record in a task too (``modelsearch``'s ``insert_or_update_object_task``);
an import saves without signals, thousands at once, so it queues one task per batch on the
app's own backend: the curator's confirmation does not wait for the index.
"""

import functools

from django.apps import apps
from django.db import transaction
from wagtail.search.backends import get_search_backend

from .. import conf
from ..tasks_compat import task


def index_later(model, pks) -> None:
    """Queues the indexing of the saved records of ``model`` with the ids ``pks``."""
    # After the commit: a worker of another backend would not find the records before.
    enqueue = index_records.using(backend=conf.task_backend()).enqueue
    transaction.on_commit(functools.partial(enqueue, model._meta.label, pks))


@task(backend=conf.task_backend())  # its own alias, as the import's tasks
def index_records(model_label: str, pks: list) -> None:
    model = apps.get_model(model_label)
    # Records deleted meanwhile are left out: nothing to index of them.
    get_search_backend().add_bulk(model, list(model.objects.filter(pk__in=pks)))
