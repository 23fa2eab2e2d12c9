"""Reports and documents of the admin prepared by a task worker: the download buttons queue
the file, its page shows the progress, and «Мои файлы» keeps it for its owner a few days.

``registry`` names the kinds of file, ``kinds`` builds them, ``tasks`` runs them and
``views`` hands them over. The record is ``models.PreparedFile``."""
