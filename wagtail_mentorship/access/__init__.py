"""Who sees whom: the one permission policy for personal data.

Organisations are the unit of access. A curator («куратор ОО») is named among the curators of
one or more organisations and sees, imports, exports and pairs only their people; a municipal
coordinator («координатор») holds ``wagtail_mentorship.view_all_organizations`` and sees every
organisation. Every view that shows a person asks the policies of ``policies.py``.
"""
